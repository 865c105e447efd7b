namespace OpenStack.Watcher;

/// <summary>
/// The server refused the requested microversion (406): it is outside the range the server supports. Raised for a
/// pinned version, or when negotiation cannot find a version both sides support.
/// </summary>
/// <param name="requested">The version the client asked for.</param>
/// <param name="minimum">The server's lowest microversion, when it said.</param>
/// <param name="maximum">The server's highest microversion, when it said.</param>
/// <param name="statusCode">The HTTP status (406), or 0 when the refusal comes from negotiation.</param>
/// <param name="response">The response body.</param>
/// <param name="headers">The response headers.</param>
public class WatcherMicroversionException(
    WatcherApiVersion requested,
    WatcherApiVersion? minimum,
    WatcherApiVersion? maximum,
    int statusCode,
    string? response,
    IReadOnlyDictionary<string, IEnumerable<string>> headers)
    : WatcherApiException(Describe(requested, minimum, maximum), statusCode, response, headers, null)
{
    /// <summary>The microversion that was asked for.</summary>
    public WatcherApiVersion RequestedVersion { get; } = requested;

    /// <summary>The server's lowest microversion, when it said.</summary>
    public WatcherApiVersion? MinimumVersion { get; } = minimum;

    /// <summary>The server's highest microversion, when it said.</summary>
    public WatcherApiVersion? MaximumVersion { get; } = maximum;

    /// <summary>
    /// <c>Watcher does not support microversion 1.99: its supported range is 1.0 to 1.4.</c>
    /// </summary>
    public override string Message => Describe(RequestedVersion, MinimumVersion, MaximumVersion)
        + (RequestId is { } id ? $" (Request-ID: {id})" : "");

    private static string Describe(WatcherApiVersion requested, WatcherApiVersion? minimum, WatcherApiVersion? maximum) =>
        minimum is { } min && maximum is { } max
            ? $"Watcher does not support microversion {requested}: its supported range is {min} to {max}."
            : $"Watcher does not support microversion {requested} (it did not say which range it supports).";
}
