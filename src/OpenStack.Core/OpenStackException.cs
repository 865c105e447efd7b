namespace OpenStack;

/// <summary>
/// The base of every failure a caller of the library handles, as python's <c>ClientException</c> is: catch this one type
/// to handle them all.
/// <list type="bullet">
/// <item><see cref="OpenStackApiException"/> (and each service's <c>MonascaApiException</c>, <c>WatcherApiException</c>):
/// the service answered an error (4xx, 5xx, an HTML page), or a 2xx body that cannot be read;
/// <see cref="ResponseTooLargeException"/>: an answer larger than <see cref="OpenStackClientOptions.MaxResponseBytes"/>.</item>
/// <item><see cref="KeystoneAuthenticationException"/>: Keystone refused the credentials (401) or the scope (403), failed,
/// answered something that is not a token, could not be reached or did not answer within its timeout.</item>
/// <item><see cref="EndpointNotFoundException"/>: the catalog has no endpoint for the service, interface and region asked.</item>
/// <item><see cref="OpenStackConnectionException"/>: the service could not be reached (after the retries), or the
/// connection broke before its answer was complete.</item>
/// <item><c>OpenStack.Operations.OperationFailedException</c>: a waited-for operation ended without success.</item>
/// </list>
/// Not under it: a cancellation by the caller stays <see cref="OperationCanceledException"/>; the call's own timeout
/// (<see cref="OpenStackClientOptions.Timeout"/>, HttpClient's) keeps .NET's convention, a
/// <see cref="TaskCanceledException"/> whose <see cref="Exception.InnerException"/> is a <see cref="TimeoutException"/>
/// (its message names Keystone and its URL when the time ran out waiting for a token); invalid arguments and settings
/// are <see cref="ArgumentException"/>. No message or property of these exceptions holds a secret.
/// </summary>
public abstract class OpenStackException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause, if any.</param>
    protected OpenStackException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The HTTP status of the answer the failure came from; <see langword="null"/> when no answer came.</summary>
    public abstract int? HttpStatus { get; }

    /// <summary>The request id the server gave the failed request (<c>x-openstack-request-id</c>), if any.</summary>
    public abstract string? RequestId { get; }

    /// <summary>What the server said (the message of its error body), when it said something.</summary>
    public abstract string? ServerMessage { get; }
}
