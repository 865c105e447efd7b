using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using Xunit.Abstractions;

namespace OpenStack.PackageTests;

/// <summary>
/// <c>dotnet pack</c> yields the three packages with README, license, XML docs and symbols, and a fresh project outside the
/// repository restores them from a local folder and compiles the README quickstart against them.
/// </summary>
public sealed class PackageTests(ITestOutputHelper output)
{
    private static readonly string[] Packages = ["OpenStack.Core", "OpenStack.Monasca", "OpenStack.Watcher", "OpenStack.Monasca.OpenTelemetry", "OpenStack.Caching"];

    /// <summary>The configuration this test assembly was built in (bin/&lt;Configuration&gt;/net10.0/): the projects are built in it too.</summary>
    private static string Configuration => new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    private static string StateDir(string root) =>
        Environment.GetEnvironmentVariable("OPENSTACK_STATE_DIR") is { Length: > 0 } dir ? dir : Path.Combine(root, ".openstack");

    /// <summary>The <c>export NAME=value</c> lines of the local cloud's openrc.</summary>
    private static Dictionary<string, string> OpenRc(string root) =>
        File.ReadAllLines(Path.Combine(StateDir(root), "openrc"))
            .Where(l => l.StartsWith("export ", StringComparison.Ordinal) && l.Contains('=', StringComparison.Ordinal))
            .Select(l => l["export ".Length..].Split('=', 2))
            .ToDictionary(kv => kv[0], kv => kv[1].Trim('"', '\''));

    private Task<(int ExitCode, string Output)> RunAsync(string workingDirectory, params string[] arguments) =>
        RunProcessAsync(workingDirectory, "dotnet", arguments, null);

    private async Task<(int ExitCode, string Output)> RunProcessAsync(string workingDirectory, string program, string[] arguments,
        IReadOnlyDictionary<string, string>? environment)
    {
        var psi = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments)
        {
            psi.ArgumentList.Add(a);
        }
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[name] = value;
        }
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        await process.WaitForExitAsync(timeout.Token);
        var text = await stdout + await stderr;
        output.WriteLine($"$ {program} {string.Join(' ', arguments)}\n{text}");
        return (process.ExitCode, text);
    }

    [Fact]
    public async Task Dotnet_pack_yields_the_packages_and_the_README_quickstart_compiles_and_runs_against_them()
    {
        var root = Repository.Root;
        var version = $"0.0.0-packagetest.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
        var work = Directory.CreateTempSubdirectory("openstack-packagetest-").FullName;
        var feed = Directory.CreateDirectory(Path.Combine(work, "feed")).FullName;
        try
        {
            foreach (var package in Packages)
            {
                // The projects were built (in this configuration) as references of this test project.
                var (code, text) = await RunAsync(root, "pack", $"src/{package}/{package}.csproj", "--no-build", "-c", Configuration,
                    "-o", feed, $"-p:PackageVersion={version}", "-nologo");
                Assert.True(code == 0, $"dotnet pack {package} failed:\n{text}");
            }

            foreach (var package in Packages)
            {
                var nupkg = Path.Combine(feed, $"{package}.{version}.nupkg");
                Assert.True(File.Exists(nupkg), $"{nupkg} was not produced");
                Assert.True(File.Exists(Path.ChangeExtension(nupkg, ".snupkg")), $"no symbol package for {package}");
                using var zip = ZipFile.OpenRead(nupkg);
                var entries = zip.Entries.Select(e => e.FullName).ToHashSet();
                Assert.Contains("README.md", entries);
                Assert.Contains($"lib/net10.0/{package}.dll", entries);
                Assert.Contains($"lib/net10.0/{package}.xml", entries);
                XNamespace ns = "http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd";
                using var nuspecStream = zip.GetEntry($"{package}.nuspec")!.Open();
                var metadata = XDocument.Load(nuspecStream).Root!.Element(ns + "metadata")!;
                Assert.Equal("Apache-2.0", (string?)metadata.Element(ns + "license"));
                Assert.Equal("expression", (string?)metadata.Element(ns + "license")!.Attribute("type"));
                Assert.Equal("README.md", (string?)metadata.Element(ns + "readme"));
                Assert.False(string.IsNullOrWhiteSpace((string?)metadata.Element(ns + "description")));
                Assert.Contains("openstack", (string?)metadata.Element(ns + "tags") ?? "");
                var dependencies = metadata.Descendants(ns + "dependency").Select(d => ((string)d.Attribute("id")!, (string?)d.Attribute("version"))).ToList();
                if (package == "OpenStack.Core")
                {
                    Assert.Contains(dependencies, d => d.Item1 == "Microsoft.Extensions.Http"); // AddKeystone / IHttpClientFactory
                    // The fleet's token cache is OpenStack.Caching's: Core's users do not carry it.
                    Assert.DoesNotContain(dependencies, d => d.Item1.StartsWith("Microsoft.Extensions.Caching", StringComparison.Ordinal)
                        || d.Item1.StartsWith("Microsoft.AspNetCore.DataProtection", StringComparison.Ordinal) || d.Item1.Contains("Redis", StringComparison.Ordinal));
                }
                else if (package == "OpenStack.Caching")
                {
                    Assert.Contains(("OpenStack.Core", version), dependencies);
                    Assert.Contains(dependencies, d => d.Item1 == "DistributedLock.Redis");
                    Assert.Contains(dependencies, d => d.Item1 == "Microsoft.Extensions.Caching.Hybrid");
                }
                else if (package == "OpenStack.Monasca.OpenTelemetry")
                {
                    Assert.Contains(("OpenStack.Monasca", version), dependencies);
                    Assert.Contains(dependencies, d => d.Item1 == "OpenTelemetry");
                }
                else
                {
                    Assert.Contains(("OpenStack.Core", version), dependencies);
                }
            }

            // A project outside the repository (no Directory.Build.props, no central versions) that uses the packages.
            var app = Directory.CreateDirectory(Path.Combine(work, "quickstart")).FullName;
            File.Copy(Path.Combine(root, "tests", "OpenStack.PackageTests", "Quickstart", "Quickstart.cs"), Path.Combine(app, "Quickstart.cs"));
            File.Copy(Path.Combine(root, "tests", "OpenStack.PackageTests", "Quickstart", "Program.cs"), Path.Combine(app, "Program.cs"));
            File.WriteAllText(Path.Combine(app, "Quickstart.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="OpenStack.Monasca" Version="{version}" />
                    <PackageReference Include="OpenStack.Watcher" Version="{version}" />
                    <PackageReference Include="Microsoft.Extensions.Hosting" Version="10.0.15" />
                    <PackageReference Include="Microsoft.Extensions.Http.Resilience" Version="10.11.0" />
                  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(app, "NuGet.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="local" value="{feed}" />
                    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
                  </packageSources>
                  <packageSourceMapping>
                    <packageSource key="local"><package pattern="OpenStack.*" /></packageSource>
                    <packageSource key="nuget.org"><package pattern="*" /></packageSource>
                  </packageSourceMapping>
                </configuration>
                """);
            var (buildCode, buildOutput) = await RunAsync(app, "build", "Quickstart.csproj", "-nologo", "-v", "q");
            Assert.True(buildCode == 0, $"The README quickstart does not compile against the packages:\n{buildOutput}");
            var assets = File.ReadAllText(Path.Combine(app, "obj", "project.assets.json"));
            Assert.Contains($"OpenStack.Core/{version}", assets);

            // The README's first program runs as printed against the local cloud (real Keystone and Watcher, the Monasca
            // pact stub), with the variables of its openrc, as a newcomer runs it after `source .openstack/openrc`.
            var (upCode, upOutput) = await RunProcessAsync(root, "bash", [Path.Combine(root, "scripts", "openstack-up.sh"), StateDir(root)], null);
            Assert.True(upCode == 0, $"scripts/openstack-up.sh failed:\n{upOutput}");
            var (runCode, runOutput) = await RunProcessAsync(app, "dotnet", ["run", "--no-build", "--project", "Quickstart.csproj"], OpenRc(root));
            Assert.True(runCode == 0, $"The README program failed:\n{runOutput}");
            Assert.Contains("alarm f9935bcc-9641-4cbf-8224-0993a947ea83 cpu idle low ALARM", runOutput);
            Assert.Contains("goal dummy: Dummy goal", runOutput);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
            // The restored test versions would otherwise pile up in the global packages folder.
            var globalPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            foreach (var package in Packages)
            {
                var dir = Path.Combine(globalPackages, package.ToLowerInvariant(), version);
                if (Directory.Exists(dir))
                {
                    Directory.Delete(dir, recursive: true);
                }
                var idDir = Path.GetDirectoryName(dir)!;
                if (Directory.Exists(idDir) && !Directory.EnumerateFileSystemEntries(idDir).Any())
                {
                    Directory.Delete(idDir);
                }
            }
        }
    }
}
