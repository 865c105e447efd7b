using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OpenStack;

/// <summary>The socket-level handler with the TLS settings of the options (CA bundle, client certificate, insecure).</summary>
internal static class Transport
{
    /// <summary>The most of a disposed answer's unread rest that is drained to keep the connection.</summary>
    internal const int MaxDrainBytes = 64 * 1024;

    /// <summary>How long a disposed answer's rest may drain.</summary>
    internal static readonly TimeSpan MaxDrainTime = TimeSpan.FromMilliseconds(100);

    public static SocketsHttpHandler Create(OpenStackClientOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            // Redirects are followed by KeystoneAuthHandler, which decides per hop whether the token may go along.
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = System.Net.DecompressionMethods.All,
            // An answer disposed before its end (a deadline, a cancellation, an error) drains at most this much, for at
            // most this long, to keep its connection; past that the connection is closed (the defaults, 1 MB and 2 s,
            // held a disposed stall's connection for seconds). 64 KB is under a millisecond on a LAN.
            MaxResponseDrainSize = MaxDrainBytes,
            ResponseDrainTimeout = MaxDrainTime,
        };
        if (options.MaxConnectionsPerServer is > 0 and var max)
        {
            // Bounded by default: 1,000 concurrent calls otherwise open hundreds of connections to one endpoint.
            handler.MaxConnectionsPerServer = max;
        }
        ConfigureTls(handler.SslOptions, options);
        return handler;
    }

    internal static void ConfigureTls(SslClientAuthenticationOptions ssl, OpenStackClientOptions options)
    {
        if (options.Insecure)
        {
#pragma warning disable CA5359 // Insecure is the user's explicit opt-out of verification (python's --insecure)
            ssl.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
#pragma warning restore CA5359
        }
        else if (!string.IsNullOrEmpty(options.CaCertFile))
        {
            var roots = LoadCaBundle(options.CaCertFile);
            ssl.RemoteCertificateValidationCallback = (_, cert, chain, errors) => ValidateWithRoots(roots, cert, chain, errors);
        }
        if (!string.IsNullOrEmpty(options.ClientCertFile))
        {
            ssl.ClientCertificates = [LoadClientCertificate(options.ClientCertFile, options.ClientKeyFile)];
        }
        else if (!string.IsNullOrEmpty(options.ClientKeyFile))
        {
            throw new ArgumentException("ClientKeyFile (os_key) is set without ClientCertFile (os_cert).", nameof(options));
        }
    }

    internal static X509Certificate2Collection LoadCaBundle(string path)
    {
        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPemFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new ArgumentException($"CA bundle '{path}' (os_cacert) could not be read: {e.Message}", nameof(path), e);
        }
        if (roots.Count == 0)
        {
            throw new ArgumentException($"CA bundle '{path}' (os_cacert) holds no PEM certificate.", nameof(path));
        }
        return roots;
    }

    internal static X509Certificate2 LoadClientCertificate(string certPath, string? keyPath)
    {
        try
        {
            return X509Certificate2.CreateFromPemFile(certPath, string.IsNullOrEmpty(keyPath) ? null : keyPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw new ArgumentException(
                $"Client certificate '{certPath}'{(keyPath is null ? "" : $" with key '{keyPath}'")} (os_cert/os_key) could not be loaded: {e.GetType().Name}",
                nameof(certPath), e is CryptographicException ? null : e);
        }
    }

    /// <summary>
    /// Trusts exactly the CA bundle (as python-requests' <c>verify=&lt;path&gt;</c> does): the chain must end in one of
    /// <paramref name="roots"/> and the host name must match.
    /// </summary>
    internal static bool ValidateWithRoots(X509Certificate2Collection roots, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
        {
            return false;
        }
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(roots);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements)
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }
        var leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return custom.Build(leaf);
    }
}
