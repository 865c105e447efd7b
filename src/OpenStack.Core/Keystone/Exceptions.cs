using System.Net;

namespace OpenStack;

/// <summary>
/// Keystone did not issue a token: it refused the credentials (401), answered an error, answered something that is not
/// a token (HTML, garbled JSON, no <c>X-Subject-Token</c>), could not be reached, or did not answer in time.
/// The message says which, names the auth URL and Keystone's own message, and never holds a secret.
/// </summary>
public sealed class KeystoneAuthenticationException : Exception
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
    public string? RequestId { get; }
}

/// <summary>The service catalog has no endpoint for what was asked; the message lists what it has.</summary>
public sealed class EndpointNotFoundException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EndpointNotFoundException(string serviceType, IReadOnlyList<string> interfaces, string? regionName, string? serviceName, string catalogDescription)
        : base($"No endpoint for service type '{serviceType}' (interface {string.Join(" or ", interfaces)}, " +
               $"region {(string.IsNullOrEmpty(regionName) ? "any" : $"'{regionName}'")}, service name {(serviceName is null ? "any" : $"'{serviceName}'")}) " +
               $"in the catalog. The catalog has: {catalogDescription}.")
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
}
