using System.Text;
using Newtonsoft.Json;
using OpenStack.Monasca;
using OpenStack.Testing;
using OpenStack.Watcher;

namespace OpenStack.Hosting.Tests;

/// <summary>
/// A token a server (or a proxy) echoes back never reaches an exception of either service, in any encoding: Core
/// scrubs error bodies and the kept beginning of unreadable answers once, for both.
/// </summary>
public sealed class EchoedTokenTests
{
    // '/', '+', '=', '"' and '\' make the raw, JSON-escaped, URL-encoded and base64 forms all differ.
    private const string Token = "gAAAAA/echo+tok=en\"q\\9921-abcdef";

    private static readonly string[] Forms =
    [
        Token,
        JsonConvert.ToString(Token)[1..^1],
        Uri.EscapeDataString(Token),
        Convert.ToBase64String(Encoding.UTF8.GetBytes(Token)),
    ];

    private static string Echo => $"raw {Forms[0]} json {Forms[1]} url {Forms[2]} base64 {Forms[3]}";

    public static TheoryData<int, string, string> Answers => new()
    {
        { 400, Echo, "text/plain" },
        { 502, $"<html><head><title>Bad gateway</title></head><body>{Echo}</body></html>", "text/html" },
        { 200, $$"""{"goals": "json {{Forms[1]}} url {{Forms[2]}} base64 {{Forms[3]}}", "elements": "json {{Forms[1]}} url {{Forms[2]}} base64 {{Forms[3]}}"}""", "application/json" },
        { 200, $"<html><body>{Echo}</body></html>", "text/html" },
    };

    private static void AssertClean(OpenStackApiException e)
    {
        foreach (var form in Forms)
        {
            Assert.DoesNotContain(form, e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(form, e.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(form, e.Response ?? "", StringComparison.Ordinal);
            Assert.DoesNotContain(form, e.ServerMessage ?? "", StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task Watcher_exceptions_hold_no_form_of_the_token(int status, string body, string type)
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(status, body, type));
        using var client = WatcherClientFactory.GetClient(1, new Dictionary<string, object?>
        {
            ["os_auth_token"] = Token, ["watcher_url"] = server.BaseAddress.ToString(), ["max_retries"] = 0, ["os_infra_optim_api_version"] = "1.0",
        });

        var e = await Assert.ThrowsAnyAsync<WatcherApiException>(() => client.Goals.ListAsync());

        Assert.Equal(Token, server.Requests[0].Header("X-Auth-Token")); // the token was sent, and echoed
        AssertClean(e);
    }

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task Monasca_exceptions_hold_no_form_of_the_token(int status, string body, string type)
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(status, body, type));
        using var client = MonascaClientFactory.Create("2_0", new OpenStackClientOptions { Token = Token, Endpoint = server.BaseAddress + "v2.0" });

        var e = await Assert.ThrowsAnyAsync<MonascaApiException>(() => client.Alarms.ListAsync());

        Assert.Equal(Token, server.Requests[0].Header("X-Auth-Token"));
        AssertClean(e);
    }
}
