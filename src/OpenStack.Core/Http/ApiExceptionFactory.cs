namespace OpenStack.Http;

/// <summary>Creates a service's <see cref="OpenStackApiException"/> for an error answer or a body that cannot be read.</summary>
/// <param name="message">What went wrong.</param>
/// <param name="statusCode">The HTTP status.</param>
/// <param name="response">The bounded, scrubbed body.</param>
/// <param name="headers">The response headers.</param>
/// <param name="innerException">The cause, if any.</param>
/// <returns>The exception to throw.</returns>
public delegate Exception ApiExceptionFactory(string message, int statusCode, string? response,
    IReadOnlyDictionary<string, IEnumerable<string>> headers, Exception? innerException);
