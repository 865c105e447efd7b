using OpenStack.Pact;

namespace OpenStack.ContractTests.Infrastructure;

/// <summary>
/// HttpClients for the consumer tests, made the way the libraries make them: through
/// <see cref="OpenStackHttpClient.Create"/> with a pre-issued token and an endpoint override (the
/// mock server, named as a catalog would name it, with the version segment).
/// </summary>
public static class Clients
{
    /// <summary>An HttpClient for Monasca against the mock server.</summary>
    public static HttpClient Monasca(ConsumerContext ctx, string token = Contract.FixedToken) =>
        OpenStackHttpClient.Create(
            new OpenStackClientOptions { Token = token, Endpoint = new Uri(ctx.MockServerUri, "v2.0").ToString() },
            new OpenStackService("monitoring", "v2.0"));

    /// <summary>An HttpClient for Watcher against the mock server.</summary>
    public static HttpClient Watcher(ConsumerContext ctx, string token = Contract.FixedToken, params DelegatingHandler[] outerHandlers) =>
        OpenStackHttpClient.Create(
            new OpenStackClientOptions { Token = token, Endpoint = new Uri(ctx.MockServerUri, "v1").ToString() },
            new OpenStackService("infra-optim", "v1"),
            outerHandlers);
}
