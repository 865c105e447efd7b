using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenStack.Monasca;
using OpenStack.Watcher;

namespace OpenStack.PackageTests;

/// <summary>
/// docs/python-to-dotnet.md cannot fall behind the specs or name what does not exist: every method of every client
/// interface (and every extension on one) is named on it as <c>Resource.MethodAsync</c>, every <c>Type.Member</c> and
/// bare .NET name in its code spans exists, every keyword argument the factories accept is in its table, and each row of
/// that table sets the property it names, from the keyword and from the <c>OS_*</c> variable.
/// </summary>
public sealed partial class PythonMappingTests
{
    private static readonly Assembly[] LibraryAssemblies =
        [typeof(OpenStackClientOptions).Assembly, typeof(IMonascaClient).Assembly, typeof(IWatcherClient).Assembly];

    private static readonly Type[] RootClients = [typeof(IMonascaClient), typeof(IWatcherClient)];

    // Python's own names that the page writes bare in code spans.
    private static readonly HashSet<string> PythonNames = new(StringComparer.Ordinal) { "None", "True", "False", "KeyboardInterrupt" };

    private static readonly string Page = Repository.ReadText("docs", "python-to-dotnet.md");

    private static readonly Lazy<IReadOnlyList<string>> Spans = new(() => CodeSpan().Matches(Page).Select(m => m.Groups[1].Value).ToList());

    public static TheoryData<string> ClientInterfaces()
    {
        var data = new TheoryData<string>();
        foreach (var type in ClientInterfaceTypes())
        {
            data.Add(type.FullName!);
        }
        return data;
    }

    [Fact]
    public void The_client_interfaces_are_found()
    {
        // Guards the theory below against a rename that would leave it with nothing to check.
        var names = ClientInterfaceTypes().Select(t => t.Name).ToList();
        Assert.Contains("IAlarmsClient", names);
        Assert.Contains("IAuditsClient", names);
        Assert.Contains("IMonascaClient", names);
        Assert.Contains("IWatcherClient", names);
    }

    [Theory]
    [MemberData(nameof(ClientInterfaces))]
    public void Every_method_of_the_client_is_named_on_the_page(string interfaceName)
    {
        var type = ClientInterfaceTypes().Single(t => t.FullName == interfaceName);
        var missing = new List<string>();
        if (RootClients.Contains(type))
        {
            // The root client's own methods (GetApiVersionAsync) are named bare.
            missing.AddRange(PublicMethods(type).Select(m => m.Name).Where(name => !Names(name)));
        }
        else
        {
            var property = RootClients.SelectMany(r => r.GetProperties()).FirstOrDefault(p => p.PropertyType == type);
            Assert.True(property is not null, $"{type.Name} is no property of {string.Join(" or ", RootClients.Select(r => r.Name))}: the page cannot name it as Resource.Method.");
            var methods = PublicMethods(type).Concat(ExtensionMethodsOf(type)).Select(m => m.Name).Distinct();
            missing.AddRange(methods.Select(m => $"{property.Name}.{m}").Where(name => !Names(name)));
        }
        Assert.True(missing.Count == 0, $"docs/python-to-dotnet.md does not name {string.Join(", ", missing)} ({type.Name}): add a row for it.");
    }

    [Fact]
    public void Every_dotted_name_on_the_page_exists()
    {
        var types = LibraryTypes();
        var roots = RootClients.SelectMany(r => r.GetProperties()).ToDictionary(p => p.Name, p => p.PropertyType);
        var missing = new List<string>();
        var checkedNames = 0;
        foreach (var span in Spans.Value)
        {
            foreach (Match m in DottedName().Matches(span))
            {
                var (owner, member) = (m.Groups[1].Value, m.Groups[2].Value);
                var isRoot = roots.TryGetValue(owner, out var resource);
                if (!isRoot && !types.ContainsKey(owner))
                {
                    continue; // a BCL type (TimeSpan.FromSeconds) or Python
                }
                checkedNames++;
                var found = (isRoot && (PublicMethods(resource!).Concat(ExtensionMethodsOf(resource!)).Any(x => x.Name == member)))
                    || (types.TryGetValue(owner, out var candidates) && candidates.Any(t => HasMember(t, member)));
                if (!found)
                {
                    missing.Add($"{owner}.{member}");
                }
            }
        }
        Assert.True(checkedNames > 50, $"Only {checkedNames} dotted names were checked: the pattern no longer matches how the page writes them.");
        Assert.True(missing.Count == 0, $"docs/python-to-dotnet.md names what does not exist: {string.Join(", ", missing.Distinct())}");
    }

    [Fact]
    public void Every_bare_dotnet_name_on_the_page_exists()
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in LibraryAssemblies.SelectMany(a => a.GetExportedTypes()))
        {
            known.Add(SimpleName(type));
            foreach (var member in type.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            {
                known.Add(member.Name);
            }
        }
        Assembly[] bcl = [typeof(object).Assembly, typeof(HttpClient).Assembly, typeof(List<>).Assembly, typeof(Uri).Assembly];
        known.UnionWith(bcl.SelectMany(a => a.GetExportedTypes()).Select(SimpleName));
        var missing = new List<string>();
        var checkedNames = 0;
        foreach (var span in Spans.Value)
        {
            if (BareName().Match(span) is not { Success: true } m || PythonNames.Contains(m.Groups[1].Value))
            {
                continue;
            }
            checkedNames++;
            if (!known.Contains(m.Groups[1].Value))
            {
                missing.Add(span);
            }
        }
        Assert.True(checkedNames > 30, $"Only {checkedNames} bare names were checked: the pattern no longer matches how the page writes them.");
        Assert.True(missing.Count == 0, $"docs/python-to-dotnet.md names what is neither a library nor a BCL name: {string.Join(", ", missing.Distinct())}");
    }

    [Fact]
    public void Every_accepted_keyword_argument_is_in_the_table()
    {
        var names = KeywordArguments.AcceptedNames.Where(n => !n.StartsWith("os_", StringComparison.Ordinal))
            .Concat(WatcherClientFactory.WatcherArgumentNames).ToList();
        var spans = new HashSet<string>(Spans.Value, StringComparer.Ordinal);
        var missing = names.Where(n => !spans.Contains(n)).ToList();
        var missingVariables = KeywordArguments.AcceptedNames
            .Where(n => !n.StartsWith("os_", StringComparison.Ordinal) && n != "session")
            .Select(n => "OS_" + n.ToUpperInvariant()).Where(v => !spans.Contains(v)).ToList();
        Assert.True(missing.Count == 0, $"The keyword table lacks {string.Join(", ", missing)}.");
        Assert.True(missingVariables.Count == 0, $"The keyword table lacks the variables {string.Join(", ", missingVariables)}.");
    }

    [Fact]
    public void Each_keyword_row_sets_the_property_it_names_from_the_keyword_and_the_variable()
    {
        var rows = KeywordRows();
        Assert.True(rows.Count >= 25, $"Only {rows.Count} keyword rows were found: the table's header or shape changed.");
        var checkedCases = 0;
        var failures = new List<string>();
        foreach (var (keywords, variables, propertyName) in rows)
        {
            var property = typeof(OpenStackClientOptions).GetProperty(propertyName);
            if (property is null)
            {
                continue; // a Watcher-only or per-service row: its names are checked by the tests above
            }
            foreach (var keyword in keywords.Where(k => !WatcherClientFactory.WatcherArgumentNames.Contains(k)))
            {
                checkedCases++;
                if (Check(property, value => KeywordArguments.ToOptions(new Dictionary<string, object?> { [keyword] = value }, [], out _), typed: true) is { } failure)
                {
                    failures.Add($"`{keyword}` -> {propertyName}: {failure}");
                }
            }
            foreach (var variable in variables)
            {
                checkedCases++;
                if (Check(property, value => FromEnvironment(variable, value), typed: false) is { } failure)
                {
                    failures.Add($"`{variable}` -> {propertyName}: {failure}");
                }
            }
        }
        Assert.True(checkedCases >= 50, $"Only {checkedCases} keyword and variable cases were checked.");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task The_token_string_is_Value_and_ToString_is_a_redacted_summary()
    {
        const string secret = "gAAAAABpage-token-value";
        using var session = new KeystoneSession(new OpenStackClientOptions { Token = secret, Endpoint = "http://127.0.0.1:9/" });

        var token = await session.GetTokenAsync();
        using var request = new HttpRequestMessage();
        request.Headers.Add("X-Auth-Token", token.Value);   // as the page writes it

        Assert.Equal(secret, Assert.Single(request.Headers.GetValues("X-Auth-Token")));
        Assert.Equal(secret, token.Value);
        Assert.DoesNotContain(secret, token.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, $"{token}", StringComparison.Ordinal);
        Assert.Contains(token.Fingerprint, token.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("{SHA256}", token.Fingerprint, StringComparison.Ordinal);
        Assert.Contains("(await session.GetTokenAsync()).Value", Page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_construction_rows_compile_and_make_clients_without_a_call()
    {
        // The expressions of the page's "Making a client" table, as written there; nothing here contacts a server.
        const string u = "http://127.0.0.1:9/v3", n = "demo", p = "pw", d = "Default", pr = "demo", t = "tok", url = "http://127.0.0.1:9/";
        using var session = new KeystoneSession(new OpenStackClientOptions { AuthUrl = u, Username = n, Password = p, UserDomainName = d, ProjectName = pr, ProjectDomainName = d });
        using var monasca = new MonascaClient(session, new MonascaClientOptions { Endpoint = url });
        using var monascaFromKwargs = MonascaClientFactory.Create("2_0", new Dictionary<string, object?> { ["session"] = session, ["endpoint"] = url });
        using var watcher = new WatcherClient(session, new WatcherClientOptions { ApiVersion = new(1, 2) });
        var options = new OpenStackClientOptions { Token = t, Endpoint = url };
        using var watcherFromOptions = WatcherClientFactory.GetClient(options, new WatcherClientOptions { ApiVersion = new(1, 2) });
        using var monascaFromOptions = MonascaClientFactory.Create("2_0", options, new MonascaClientOptions { Timeout = TimeSpan.FromSeconds(30) });
        var kwargs = new Dictionary<string, object?> { ["os_auth_token"] = t, ["watcher_url"] = url };
        using var watcherFromKwargs = WatcherClientFactory.GetClient(1, kwargs);

        Assert.Null(WatcherClientFactory.ToOptions(1, kwargs).Options.ApiVersion);                         // 1 negotiates
        Assert.Equal(new WatcherApiVersion(1, 2), WatcherClientFactory.ToOptions("1.2", kwargs).Options.ApiVersion); // "1.2" pins
        Assert.Equal(url, WatcherClientFactory.ToOptions(1, kwargs).Options.Endpoint);                    // watcher_url: the client's endpoint
        Assert.Equal(0, session.TokenRequestCount);
        var unknown = Assert.Throws<ArgumentException>(() => WatcherClientFactory.GetClient(1, new Dictionary<string, object?>(kwargs) { ["os_pasword"] = "x" }));
        Assert.Contains("os_pasword", unknown.Message, StringComparison.Ordinal);

        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["OpenStack:Token"] = t, ["OpenStack:Endpoint"] = url }).Build();
        var services = new ServiceCollection();
        services.AddKeystone(configuration.GetSection("OpenStack"));
        services.AddMonasca();
        services.AddWatcher(o => o.ApiVersion = new(1, 2));
        await using var provider = services.BuildServiceProvider();
        Assert.NotNull(provider.GetRequiredService<IMonascaClient>().Alarms);
        Assert.NotNull(provider.GetRequiredService<IWatcherClient>().Audits);
    }

    // Sets the option through `apply` with a sample value of the property's type and says what went wrong, or null.
    private static string? Check(PropertyInfo property, Func<object, OpenStackClientOptions> apply, bool typed)
    {
        try
        {
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (type == typeof(string))
            {
                var got = property.GetValue(apply("sample-value"));
                return Equals(got, "sample-value") ? null : $"gave {got ?? "null"}";
            }
            if (type == typeof(bool))
            {
                var on = property.GetValue(apply(typed ? true : "true"));
                var off = property.GetValue(apply(typed ? false : "false"));
                return Equals(on, off) ? "true and false give the same value" : null;
            }
            if (type == typeof(TimeSpan))
            {
                var got = property.GetValue(apply(typed ? 42 : "42"));
                return Equals(got, TimeSpan.FromSeconds(42)) ? null : $"42 gave {got ?? "null"}";
            }
            if (type == typeof(IList<string>))
            {
                var got = (IList<string>?)property.GetValue(apply("internal"));
                return got is ["internal"] ? null : $"internal gave [{string.Join(", ", got ?? [])}]";
            }
            if (type == typeof(KeystoneSession))
            {
                if (!typed)
                {
                    return "a session cannot come from a variable";
                }
                using var session = new KeystoneSession(new OpenStackClientOptions { Token = "t", Endpoint = "http://127.0.0.1:9/" });
                return ReferenceEquals(property.GetValue(apply(session)), session) ? null : "the session was not kept";
            }
            return $"no sample value for {type.Name}";
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }

    private static OpenStackClientOptions FromEnvironment(string variable, object value)
    {
        var empty = Directory.CreateTempSubdirectory("python-mapping-");
        try
        {
            var loader = new CloudConfigLoader
            {
                // OS_IDENTITY_API_VERSION (set by every openrc) makes an `envvars` cloud even beside a selector such as OS_REGION_NAME.
                EnvironmentVariables = new Dictionary<string, string> { ["OS_IDENTITY_API_VERSION"] = "3", [variable] = (string)value },
                CurrentDirectory = empty.FullName,
                HomeDirectory = empty.FullName,
                SiteDirectory = empty.FullName,
            };
            return loader.Load();
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    // The rows of the table whose header starts with "Python keyword argument": keywords, variables, the first .NET name.
    private static List<(List<string> Keywords, List<string> Variables, string Property)> KeywordRows()
    {
        var lines = Page.Split('\n');
        var start = Array.FindIndex(lines, l => l.StartsWith("| Python keyword argument |", StringComparison.Ordinal));
        Assert.True(start >= 0, "docs/python-to-dotnet.md has no table headed '| Python keyword argument |'.");
        var rows = new List<(List<string>, List<string>, string)>();
        foreach (var line in lines.Skip(start + 2).TakeWhile(l => l.StartsWith('|')))
        {
            var cells = line.Trim('|').Split('|');
            var spans = cells.Select(c => CodeSpan().Matches(c).Select(m => m.Groups[1].Value).ToList()).ToList();
            var keywords = spans[0].Where(s => KeywordName().IsMatch(s)).ToList();
            var variables = spans[1].Where(s => s.StartsWith("OS_", StringComparison.Ordinal)).ToList();
            rows.Add((keywords, variables, spans[2].FirstOrDefault() ?? ""));
        }
        return rows;
    }

    private static bool Names(string name) =>
        Regex.IsMatch(Page, $@"(?<!\w){Regex.Escape(name)}(?!\w)");

    private static IEnumerable<Type> ClientInterfaceTypes() =>
        new[] { typeof(IMonascaClient).Assembly, typeof(IWatcherClient).Assembly }
            .SelectMany(a => a.GetExportedTypes())
            .Where(t => t.IsInterface && t.Name.StartsWith('I') && t.Name.EndsWith("Client", StringComparison.Ordinal))
            .OrderBy(t => t.FullName, StringComparer.Ordinal);

    private static IEnumerable<MethodInfo> PublicMethods(Type type) =>
        type.GetMethods().Where(m => !m.IsSpecialName);

    private static IEnumerable<MethodInfo> ExtensionMethodsOf(Type type) =>
        LibraryAssemblies.SelectMany(a => a.GetExportedTypes())
            .Where(t => t.IsAbstract && t.IsSealed)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static))
            .Where(m => m.IsDefined(typeof(ExtensionAttribute)) && m.GetParameters() is [var first, ..] && first.ParameterType == type);

    private static Dictionary<string, List<Type>> LibraryTypes() =>
        LibraryAssemblies.SelectMany(a => a.GetExportedTypes())
            .GroupBy(SimpleName, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

    private static bool HasMember(Type type, string name) =>
        type.GetMember(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.FlattenHierarchy).Length > 0
        || (type.IsInterface && type.GetInterfaces().Any(i => HasMember(i, name)));

    private static string SimpleName(Type type) => type.Name.Split('`')[0];

    [GeneratedRegex("`([^`\n]+)`")]
    private static partial Regex CodeSpan();

    // Type.Member or Resource.Method, where each part starts with a capital (lower-case parts are Python or variables).
    [GeneratedRegex(@"(?<!\w)([A-Z]\w*)\.([A-Z]\w*)")]
    private static partial Regex DottedName();

    // A span that is one .NET name: `DimensionFilter`, `Pageable<T>`, `GetApiVersionAsync()`, `DateTimeOffset?`.
    [GeneratedRegex(@"^([A-Z]\w*[a-z]\w*)(<[^>]*>)?(\(.*\))?\??$")]
    private static partial Regex BareName();

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex KeywordName();
}
