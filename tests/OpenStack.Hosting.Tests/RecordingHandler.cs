using System.Collections.Concurrent;

namespace OpenStack.Hosting.Tests;

/// <summary>Records the requests that pass through it.</summary>
public sealed class RecordingHandler : DelegatingHandler
{
    private readonly ConcurrentQueue<string> _requests = new();

    /// <summary>"METHOD URL" of every request.</summary>
    public IReadOnlyList<string> Requests => _requests.ToArray();

    /// <summary>Whether any request carried X-Auth-Token.</summary>
    public bool SawAuthToken { get; private set; }

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _requests.Enqueue($"{request.Method} {request.RequestUri}");
        SawAuthToken |= request.Headers.Contains("X-Auth-Token");
        return base.SendAsync(request, cancellationToken);
    }
}
