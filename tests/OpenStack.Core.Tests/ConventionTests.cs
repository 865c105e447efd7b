using System.Reflection;

namespace OpenStack.Core.Tests;

public sealed class ConventionTests
{
    [Fact]
    public void Every_public_async_method_takes_an_optional_cancellation_token_last()
    {
        var methods = typeof(KeystoneSession).Assembly.GetExportedTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => typeof(Task).IsAssignableFrom(m.ReturnType))
            .ToList();

        Assert.NotEmpty(methods);
        Assert.All(methods, m =>
        {
            var last = m.GetParameters().LastOrDefault();
            Assert.True(last is { Name: "cancellationToken" } && last.ParameterType == typeof(CancellationToken) && last.HasDefaultValue,
                $"{m.DeclaringType!.Name}.{m.Name} must end with 'CancellationToken cancellationToken = default'");
        });
    }
}
