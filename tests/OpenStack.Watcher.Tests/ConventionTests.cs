using System.Reflection;

namespace OpenStack.Watcher.Tests;

/// <summary>Reflection checks over the public surface.</summary>
public class ConventionTests
{
    private static readonly Type[] PublicTypes = typeof(WatcherClient).Assembly.GetExportedTypes();

    [Fact]
    public void Every_public_async_method_ends_with_an_optional_cancellation_token()
    {
        var offenders = PublicTypes
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => typeof(Task).IsAssignableFrom(m.ReturnType)
                || (m.ReturnType.IsGenericType && m.ReturnType.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>)))
            .Where(m => m.GetParameters() is not [.., { ParameterType: var last, HasDefaultValue: true }] || last != typeof(CancellationToken))
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}")
            .ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void Every_list_has_an_all_pages_stream()
    {
        var clients = PublicTypes.Where(t => t.IsInterface && t.GetMethod("ListDetailAsync") is not null).ToList();
        Assert.Equal(8, clients.Count);
        Assert.All(clients, c => Assert.NotNull(c.GetMethod("ListAllAsync")));
    }

    [Fact]
    public void The_grouping_client_exposes_every_resource_client_as_an_interface()
    {
        var generatedClients = PublicTypes.Where(t => t.IsClass && t.Name.EndsWith("Client", StringComparison.Ordinal) && t != typeof(WatcherClient)).ToList();
        var exposed = typeof(IWatcherClient).GetProperties().Select(p => p.PropertyType).ToList();
        Assert.All(generatedClients, c => Assert.Contains(c.GetInterface("I" + c.Name), exposed));
    }
}
