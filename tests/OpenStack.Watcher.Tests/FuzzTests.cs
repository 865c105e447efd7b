using OpenStack.Testing;
using Xunit.Abstractions;

namespace OpenStack.Watcher.Tests;

/// <summary>
/// Property-based (CsCheck): realistic 2xx bodies of every Watcher operation, mutated (a field dropped, a type changed,
/// truncated, a bad byte, nested deeply, a null in a list); only <see cref="WatcherApiException"/> (or Core's
/// <see cref="OpenStackApiException"/> family) escapes, from the call or from any accessor of its result, and no call hangs.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Mutated_bodies_of_every_operation_give_only_documented_exceptions_and_never_hang()
    {
        await using var server = await FakeServer.StartAsync();
        using var client = WatcherClientFactory.GetClient(new OpenStackClientOptions { Token = "fuzz-token-12345", Endpoint = server.BaseAddress + "v1", Timeout = TimeSpan.FromSeconds(10) }, new WatcherClientOptions
        {
            ApiVersion = new(1, 4),
            Retries = null,
        });
        var answers = BodyFuzzer.LoadCaptures(Path.Combine(AppContext.BaseDirectory, "Captures"))
            .Concat(BodyFuzzer.LoadPact(Path.Combine(AppContext.BaseDirectory, "pacts", "openstack-dotnet-watcher-api.json")))
            .OrderByDescending(a => a.Body.Length) // the richest body of each operation first
            .ToList();

        var fuzzer = await BodyFuzzer.CreateAsync(server, client, answers, e => e is OpenStackApiException);
        var (refused, read) = await fuzzer.RunAsync(cases: 2500, perCase: TimeSpan.FromSeconds(10));

        output.WriteLine($"{fuzzer.Operations.Count} operations fuzzed: {refused} cases refused, {read} read; not fuzzed: {string.Join("; ", fuzzer.Unpaired)}");
        Assert.True(fuzzer.Operations.Count >= 25, $"only {fuzzer.Operations.Count} operations paired; unpaired: {string.Join("; ", fuzzer.Unpaired)}");
        Assert.True(refused > 0 && read > 0);
    }
}
