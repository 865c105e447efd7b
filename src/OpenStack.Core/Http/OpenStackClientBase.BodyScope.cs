using System.Diagnostics;

namespace OpenStack.Http;

public abstract partial class OpenStackClientBase
{
    /// <summary>
    /// The deadline of one answer's body: the rest of <see cref="HttpClient.Timeout"/> and the caller's token; when it
    /// passes, the response is disposed too (the reads are asynchronous and take the token; disposal releases the connection).
    /// </summary>
    protected sealed class BodyScope : IDisposable
    {
        private readonly CancellationTokenSource? _cts;
        private readonly CancellationTokenRegistration _registration;
        private readonly TimeSpan _timeout;
        private readonly CancellationToken _caller;

        internal BodyScope(HttpResponseMessage response, TimeSpan timeout, long startedAt, CancellationToken caller)
        {
            _timeout = timeout;
            _caller = caller;
            if ((timeout == Timeout.InfiniteTimeSpan && !caller.CanBeCanceled) || response.Content?.Headers.ContentLength == 0)
            {
                // Nothing to wait for (no deadline, or an empty body such as a 204's): no token source, no timer. The
                // caller's own token still ends whatever little is read.
                Token = caller;
                return;
            }
            _cts = CancellationTokenSource.CreateLinkedTokenSource(caller);
            if (timeout != Timeout.InfiniteTimeSpan)
            {
                var left = timeout - Stopwatch.GetElapsedTime(startedAt);
                _cts.CancelAfter(left > TimeSpan.Zero ? left : TimeSpan.Zero);
            }
            Token = _cts.Token;
            _registration = Token.UnsafeRegister(static r => ((HttpResponseMessage)r!).Dispose(), response);
        }

        /// <summary>Cancelled when the deadline passes or the caller cancels.</summary>
        public CancellationToken Token { get; }

        /// <summary>
        /// Turns what a read ended with, once the deadline passed, into what HttpClient throws for its timeout (or the
        /// caller's cancellation); returns <see langword="null"/> when the deadline did not pass.
        /// </summary>
        public Exception? Translate(Exception e)
        {
            if (_cts is null || !_cts.IsCancellationRequested)
            {
                return null;
            }
            if (_caller.IsCancellationRequested)
            {
                return new OperationCanceledException("The operation was canceled.", e, _caller);
            }
            return new TaskCanceledException(
                $"The request was canceled due to the configured HttpClient.Timeout of {_timeout.TotalSeconds} seconds elapsing.",
                new TimeoutException("The answer's body did not arrive in time.", e));
        }

        /// <summary>Ends the deadline.</summary>
        public void Dispose()
        {
            _registration.Dispose();
            _cts?.Dispose();
        }
    }
}
