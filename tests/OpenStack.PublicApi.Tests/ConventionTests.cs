using System.Reflection;
using System.Xml.Linq;

namespace OpenStack.PublicApi.Tests;

/// <summary>House rules checked by reflection over the packages (Octokit.Tests.Conventions style).</summary>
public sealed class ConventionTests
{
    /// <summary>
    /// Generated enums cannot get a summary from a partial declaration; their spec schemas need a <c>description</c>.
    /// Known gaps, to be closed in specs/watcher-v1.yaml (then remove them here).
    /// </summary>
    private static readonly HashSet<string> KnownUndocumented = ["T:OpenStack.Watcher.PatchOp", "T:OpenStack.Watcher.SortDirection"];

    private static IEnumerable<Type> PublicTypes => PublicApiFiles.PackageNames().SelectMany(p => PublicApiFiles.Load(p).GetExportedTypes());

    private static IEnumerable<MethodInfo> PublicMethods(Type t) =>
        t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly).Where(m => !m.IsSpecialName);

    private static bool IsAsync(MethodInfo m)
    {
        var r = m.ReturnType;
        return typeof(Task).IsAssignableFrom(r) || r == typeof(ValueTask)
            || (r.IsGenericType && (r.GetGenericTypeDefinition() == typeof(ValueTask<>) || r.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>)));
    }

    private static string Name(MethodInfo m) => $"{m.DeclaringType!.FullName}.{m.Name}({string.Join(", ", m.GetParameters().Select(p => p.ParameterType.Name))})";

    [Fact]
    public void No_public_name_carries_the_wires_snake_case()
    {
        const BindingFlags flags = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        static bool Visible(MemberInfo m) => m switch
        {
            MethodBase b => (b.IsPublic || b.IsFamily || b.IsFamilyOrAssembly) && !b.IsSpecialName,
            FieldInfo f => (f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly) && !f.IsSpecialName,
            PropertyInfo p => p.GetAccessors(nonPublic: true).Any(a => a.IsPublic || a.IsFamily || a.IsFamilyOrAssembly),
            Type t => t.IsNestedPublic || t.IsNestedFamily,
            _ => false,
        };
        var offenders = PublicTypes
            .SelectMany(t => t.GetMembers(flags).Where(Visible).SelectMany(m =>
                new[] { m.Name }.Concat(m is MethodBase b ? b.GetParameters().Select(p => p.Name ?? "") : [])
                    .Where(n => n.Contains('_', StringComparison.Ordinal) && !n.StartsWith("op_", StringComparison.Ordinal))
                    .Select(n => $"{t.FullName}.{m.Name}: {n}")))
            .Distinct()
            .ToList();
        Assert.True(offenders.Count == 0, "Public names with an underscore (give the schema property an x-dotnet-name, or fix the rule):\n" + string.Join("\n", offenders));
    }

    [Theory]
    [MemberData(nameof(PublicApiFiles.Packages), MemberType = typeof(PublicApiFiles))]
    public void The_OpenStack_namespace_holds_no_pipeline_plumbing(string package)
    {
        // Handlers, client bases and the exception-factory delegate are what generated code and pipelines are built from
        // (OpenStack.Http); `using OpenStack;` shows what a user types: sessions, options, clients, exceptions.
        static bool IsPlumbing(Type t) =>
            typeof(DelegatingHandler).IsAssignableFrom(t)
            || (t.IsAbstract && !t.IsSealed && t.Name.EndsWith("ClientBase", StringComparison.Ordinal))
            || (typeof(Delegate).IsAssignableFrom(t) && t.Name.EndsWith("Factory", StringComparison.Ordinal))
            || t == typeof(OpenStack.Http.RetryPolicy);
        var offenders = PublicApiFiles.Load(package).GetExportedTypes()
            .Where(t => !t.IsNested && t.Namespace == "OpenStack" && IsPlumbing(t))
            .Select(t => t.FullName)
            .ToList();
        Assert.True(offenders.Count == 0, $"{package}: plumbing in the OpenStack namespace (move it to OpenStack.Http):\n" + string.Join("\n", offenders));
    }

    [Theory]
    [MemberData(nameof(PublicApiFiles.Packages), MemberType = typeof(PublicApiFiles))]
    public void Every_public_async_method_takes_an_optional_cancellation_token_last(string package)
    {
        var offenders = PublicApiFiles.Load(package).GetExportedTypes()
            .SelectMany(PublicMethods)
            .Where(IsAsync)
            // Pageable<T>.AsPages (Azure's shape): its walk is cancelled by the list's own token and WithCancellation.
            .Where(m => !(m.Name == "AsPages" && m.DeclaringType is { IsGenericType: true } d && d.GetGenericTypeDefinition() == typeof(Pageable<>)))
            .Where(m => m.GetParameters() is not [.., { HasDefaultValue: true, Name: "cancellationToken" } last] || last.ParameterType != typeof(CancellationToken))
            .Select(Name)
            .ToList();
        Assert.True(offenders.Count == 0, $"{package}: async methods without a trailing `CancellationToken cancellationToken = default`:\n" + string.Join("\n", offenders));
    }

    [Theory]
    [MemberData(nameof(PublicApiFiles.ResourceClients), MemberType = typeof(PublicApiFiles))]
    public void Every_paged_list_of_a_client_has_an_all_pages_stream(string client)
    {
        // A one-page list is List{X}Async returning a collection with paging (next links / offset); its twin is
        // ListAll{X}Async (Watcher's List{X}DetailAsync: ListAllDetail{X}Async) returning Pageable<T>, generated from
        // the spec's x-paging with the same parameters but the cursor and the page size.
        var type = PublicApiFiles.FindType(client);
        var methods = type.GetMethods();
        var offenders = new List<string>();
        foreach (var list in methods.Where(m => m.Name.StartsWith("List", StringComparison.Ordinal) && !m.Name.StartsWith("ListAll", StringComparison.Ordinal)
            && m.Name.EndsWith("Async", StringComparison.Ordinal) && m.ReturnType.IsGenericType && IsPaged(m)))
        {
            var twin = "ListAll" + list.Name["List".Length..];
            var expected = list.GetParameters().Select(p => p.Name).Where(n => n is not ("marker" or "offset" or "limit"));
            var stream = methods.FirstOrDefault(m => m.Name == twin && m.ReturnType.IsGenericType && m.ReturnType.GetGenericTypeDefinition() == typeof(Pageable<>));
            if (stream is null || !stream.GetParameters().Select(p => p.Name).SequenceEqual(expected))
            {
                offenders.Add($"{list.Name} has no {twin} returning Pageable<T> with its filters (x-paging in the spec)");
            }
        }
        Assert.True(offenders.Count == 0, $"{client}:\n" + string.Join("\n", offenders));
    }

    [Theory]
    [MemberData(nameof(PublicApiFiles.ResourceClients), MemberType = typeof(PublicApiFiles))]
    public void Every_resource_client_is_reachable_from_its_services_root_client(string client)
    {
        var type = PublicApiFiles.FindType(client);
        var roots = type.Assembly.GetExportedTypes()
            .Where(t => t.IsInterface && !PublicApiFiles.IsResourceClient(t) && t.GetProperties().Any(p => PublicApiFiles.IsResourceClient(p.PropertyType)))
            .ToList();
        var root = Assert.Single(roots); // IMonascaClient, IWatcherClient
        Assert.True(root.GetProperties().Any(p => p.PropertyType == type), $"{root.Name} has no property of type {type.Name}: add it to the root client.");
    }

    /// <summary>A list is paged when it takes a page size and a position (marker or offset).</summary>
    private static bool IsPaged(MethodInfo m)
    {
        var names = m.GetParameters().Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return names.Contains("limit") && (names.Contains("marker") || names.Contains("offset"));
    }

    [Theory]
    [MemberData(nameof(PublicApiFiles.Packages), MemberType = typeof(PublicApiFiles))]
    public void Every_public_type_has_an_xml_doc_summary(string package)
    {
        var assembly = PublicApiFiles.Load(package);
        var xmlPath = Path.ChangeExtension(assembly.Location, ".xml");
        Assert.True(File.Exists(xmlPath), $"{xmlPath} is missing: GenerateDocumentationFile must stay on for {package}.");
        var documented = XDocument.Load(xmlPath).Descendants("member")
            .Where(m => !string.IsNullOrWhiteSpace((string?)m.Element("summary")) || m.Element("inheritdoc") is not null)
            .Select(m => (string)m.Attribute("name")!)
            .ToHashSet(StringComparer.Ordinal);
        var missing = assembly.GetExportedTypes()
            .Select(t => "T:" + t.FullName!.Replace('+', '.'))
            .Where(id => !documented.Contains(id) && !KnownUndocumented.Contains(id))
            .OrderBy(id => id, StringComparer.Ordinal)
            .ToList();
        Assert.True(missing.Count == 0, $"Public types of {package} without an XML <summary>:\n" + string.Join("\n", missing));
    }
}
