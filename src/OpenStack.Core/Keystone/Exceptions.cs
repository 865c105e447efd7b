using System.Net;

namespace OpenStack;

/// <summary>
/// Keystone did not issue a token: it refused the credentials (401), answered an error, answered something that is not
/// a token (HTML, garbled JSON, no <c>X-Subject-Token</c>), could not be reached, or did not answer in time.
/// The message says which, names the auth URL and Keystone's own message, and never holds a secret. An
/// <see cref="OpenStackException"/>; <see cref="IsUnauthorized"/> and <see cref="IsForbidden"/> tell a refused credential
/// from a refused scope.
/// </summary>
public sealed class KeystoneAuthenticationException : OpenStackException
{
    /// <summary>Creates the exception.</summary>
    public KeystoneAuthenticationException(string message, string authUrl, HttpStatusCode? statusCode = null,
        string? keystoneMessage = null, string? requestId = null, Exception? innerException = null)
        : base(message, innerException)
    {
        AuthUrl = authUrl;
        StatusCode = statusCode;
        KeystoneMessage = keystoneMessage;
        RequestId = requestId;
    }

    /// <summary>The Keystone URL that was asked.</summary>
    public string AuthUrl { get; }

    /// <summary>Keystone's HTTP status; null when no answer came (connection refused, timeout).</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The <c>error.message</c> of Keystone's error body, when it had one.</summary>
    public string? KeystoneMessage { get; }

    /// <summary>Keystone's <c>x-openstack-request-id</c>, when it sent one.</summary>
    public override string? RequestId { get; }

    /// <summary>Keystone's HTTP status as a number; <see langword="null"/> when no answer came.</summary>
    public override int? HttpStatus => StatusCode is { } status ? (int)status : null;

    /// <summary>Keystone's <c>error.message</c> (<see cref="KeystoneMessage"/>), scrubbed.</summary>
    public override string? ServerMessage => KeystoneMessage;

    /// <summary>Whether Keystone refused the credentials (401: a wrong password, secret or token).</summary>
    public bool IsUnauthorized => StatusCode == HttpStatusCode.Unauthorized;

    /// <summary>Whether Keystone refused the scope (403: the user has no role on the project asked for).</summary>
    public bool IsForbidden => StatusCode == HttpStatusCode.Forbidden;
}

/// <summary>The service catalog has no endpoint for what was asked; the message lists what it has. An <see cref="OpenStackException"/>.</summary>
public sealed class EndpointNotFoundException : OpenStackException
{
    /// <summary>Creates the exception.</summary>
    public EndpointNotFoundException(string serviceType, IReadOnlyList<string> interfaces, string? regionName, string? serviceName, string catalogDescription)
        : base($"No endpoint for service type '{serviceType}' (interface {string.Join(" or ", interfaces)}, " +
               $"region {(string.IsNullOrEmpty(regionName) ? "any" : $"'{regionName}'")}, service name {(serviceName is null ? "any" : $"'{serviceName}'")}) " +
               $"in the catalog. The catalog has: {catalogDescription}.", null)
    {
        ServiceType = serviceType;
        Interfaces = interfaces;
        RegionName = regionName;
        ServiceName = serviceName;
    }

    /// <summary>The service type asked for.</summary>
    public string ServiceType { get; }

    /// <summary>The interfaces tried, in order.</summary>
    public IReadOnlyList<string> Interfaces { get; }

    /// <summary>The region asked for, or null for any.</summary>
    public string? RegionName { get; }

    /// <summary>The service name asked for, or null for any.</summary>
    public string? ServiceName { get; }

    /// <summary>Always <see langword="null"/>: the catalog was searched, no request was sent.</summary>
    public override int? HttpStatus => null;

    /// <summary>Always <see langword="null"/>.</summary>
    public override string? RequestId => null;

    /// <summary>Always <see langword="null"/>.</summary>
    public override string? ServerMessage => null;
}
