using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OpenStack;

/// <summary>The Keystone sessions of the clouds registered with <c>AddKeystone</c>, one per cloud for the container's lifetime.</summary>
public interface IKeystoneSessionProvider
{
    /// <summary>The session of <paramref name="cloudName"/> (created on first use; its options are validated then).</summary>
    /// <param name="cloudName">The cloud as given to <c>AddKeystone</c>; null or empty for the default cloud.</param>
    /// <exception cref="InvalidOperationException">No such cloud is registered.</exception>
    /// <exception cref="OptionsValidationException">The cloud's settings are incomplete; the message says what is missing.</exception>
    KeystoneSession GetSession(string? cloudName = null);
}

/// <summary>The default <see cref="IKeystoneSessionProvider"/>: sessions whose back channel comes from IHttpClientFactory.</summary>
internal sealed class KeystoneSessionProvider(
    IOptionsMonitor<OpenStackClientOptions> options,
    IHttpClientFactory httpClientFactory,
    IEnumerable<KeystoneServiceCollectionExtensions.KeystoneCloud> clouds,
    ILoggerFactory? loggerFactory = null,
    IKeystoneTokenStore? tokenStore = null) : IKeystoneSessionProvider, IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<KeystoneSession>> _sessions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _clouds = clouds.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
    private readonly ConcurrentBag<KeystoneSession> _owned = [];

    public KeystoneSession GetSession(string? cloudName = null)
    {
        var name = cloudName ?? Options.DefaultName;
        if (!_clouds.Contains(name))
        {
            throw new InvalidOperationException(
                $"No OpenStack cloud {(name.Length == 0 ? "(default)" : $"'{name}'")} is registered: call services.AddKeystone({(name.Length == 0 ? "" : $"\"{name}\", ")}...) " +
                $"first. Registered: {(_clouds.Count == 0 ? "none" : string.Join(", ", _clouds.Select(c => c.Length == 0 ? "(default)" : c)))}.");
        }
        return _sessions.GetOrAdd(name, n => new Lazy<KeystoneSession>(() => Create(n))).Value;
    }

    private KeystoneSession Create(string name)
    {
        var o = options.Get(name).Clone();
        o.LoggerFactory ??= loggerFactory;
        if (o.Session is { } given)
        {
            return given; // the caller's session: the caller disposes it
        }
        var session = KeystoneSession.CreateWithBackChannel(o, httpClientFactory.CreateClient(KeystoneServiceCollectionExtensions.BackChannelClientNameFor(name)),
            tokenStore);
        _owned.Add(session);
        return session;
    }

    public void Dispose()
    {
        foreach (var session in _owned)
        {
            session.Dispose();
        }
    }
}

/// <summary>Validates a cloud's options when the host starts: the message says what is missing.</summary>
internal sealed class KeystoneOptionsValidator(string name) : IValidateOptions<OpenStackClientOptions>
{
    public ValidateOptionsResult Validate(string? optionsName, OpenStackClientOptions options)
    {
        if (!string.Equals(optionsName ?? Options.DefaultName, name, StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Skip;
        }
        if (options.Session is not null)
        {
            return ValidateOptionsResult.Success;
        }
        var cloud = name.Length == 0 ? "(default)" : $"'{name}'";
        try
        {
            OpenStackTransport.Validate(options);
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException e)
        {
            return ValidateOptionsResult.Fail($"OpenStack cloud {cloud}: {e.Message}");
        }
    }
}

/// <summary>The socket handler and validation of a cloud's options, for the registrations.</summary>
internal static class OpenStackTransport
{
    /// <summary>A socket handler with the options' TLS settings (redirects are not followed).</summary>
    public static SocketsHttpHandler Create(OpenStackClientOptions options) => Transport.Create(options);

    /// <summary>Throws an <see cref="ArgumentException"/> saying what is missing or unreadable (credentials, scope, TLS files).</summary>
    public static void Validate(OpenStackClientOptions options)
    {
        KeystoneCredential.From(options);
        Transport.Create(options).Dispose();
    }
}
