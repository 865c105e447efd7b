using OpenStack.Testing;

namespace OpenStack.Cli.Tests;

/// <summary>The tools as a user gets them: packed, installed with <c>dotnet tool install</c>, run by their names.</summary>
public sealed class InstalledToolTests
{
    [Fact]
    public async Task Watcher_and_monasca_packages_install_as_commands_and_a_symlink_takes_its_own_name()
    {
        var dir = Directory.CreateTempSubdirectory("cli-tool-");
        try
        {
            var packages = Path.Combine(dir.FullName, "packages");
            var tools = Path.Combine(dir.FullName, "tools");
            var config = Path.Combine(dir.FullName, "nuget.config");
            await File.WriteAllTextAsync(config, $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration><packageSources><clear /><add key="local" value="{packages}" /></packageSources></configuration>
                """);
            foreach (var (tool, package) in new[] { ("watcher", "OpenStack.Cli.Watcher"), ("monasca", "OpenStack.Cli.Monasca") })
            {
                var pack = await ProcessRunner.RunAsync("dotnet", ["pack", "src/OpenStack.Cli", "--no-build", "-c", ProcessRunner.Configuration,
                    $"-p:CliTool={tool}", "-o", packages, "--nologo", "-v", "q"]);
                Assert.True(pack.ExitCode == 0, pack.Stdout + pack.Stderr);
                var install = await ProcessRunner.RunAsync("dotnet", ["tool", "install", "--tool-path", tools, "--configfile", config, "--prerelease", package],
                    workingDirectory: dir.FullName);
                Assert.True(install.ExitCode == 0, install.Stdout + install.Stderr);
                Assert.Contains($"using the following command: {tool}", install.Stdout, StringComparison.Ordinal);
            }
            await using var server = await FakeServer.StartAsync(req => req.Path switch
            {
                "/v1/goals" => new FakeResponse(200, """{"goals": [{"uuid": "736c9587-5f75-4808-af50-8950237e9a6f", "name": "dummy", "display_name": "Dummy goal"}]}"""),
                "/v2.0/metrics" => new FakeResponse(200, """{"elements": [{"id": "1", "name": "cpu.idle_perc", "dimensions": {"hostname": "h1"}}], "links": []}"""),
                _ => new FakeResponse(404, "{}"),
            });

            var watcher = await ProcessRunner.RunAsync(Path.Combine(tools, "watcher"), ["--os-auth-token", CliRunner.Token, "--os-endpoint-override", server.BaseAddress + "v1",
                "--os-infra-optim-api-version", "1.4", "--max-retries", "0", "goal", "list", "-f", "value", "-c", "Name", "-c", "UUID"]);
            var monasca = await ProcessRunner.RunAsync(Path.Combine(tools, "monasca"), ["--os-token", CliRunner.Token, "--monasca-api-url", server.BaseAddress + "v2.0", "metric-list"]);
            // A symlink named monasca to the watcher command runs the monasca tool: the name typed counts, not the file.
            var links = Directory.CreateDirectory(Path.Combine(dir.FullName, "links"));
            File.CreateSymbolicLink(Path.Combine(links.FullName, "monasca"), Path.Combine(tools, "watcher"));
            var linked = await ProcessRunner.RunAsync(Path.Combine(links.FullName, "monasca"), ["--help"]);

            Assert.Equal(new CliResult(0, "736c9587-5f75-4808-af50-8950237e9a6f dummy\n", ""), watcher);
            Assert.Equal(0, monasca.ExitCode);
            Assert.Equal("""
                +---------------+--------------+
                | name          | dimensions   |
                +---------------+--------------+
                | cpu.idle_perc | hostname: h1 |
                +---------------+--------------+

                """.ReplaceLineEndings("\n"), monasca.Stdout);
            Assert.Equal(0, linked.ExitCode);
            Assert.Contains("monasca [command] [options]", linked.Stdout, StringComparison.Ordinal);
            Assert.Contains("metric-list", linked.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
