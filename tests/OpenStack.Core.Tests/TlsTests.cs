using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OpenStack.Core.Tests;

public sealed class TlsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ostls-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static X509Certificate2 Ca(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var req = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        req.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        req.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return req.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    private static X509Certificate2 Leaf(X509Certificate2 ca, string host)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var req = new CertificateRequest($"CN={host}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(host);
        req.CertificateExtensions.Add(san.Build());
        using var cert = req.Create(ca, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(12), [1, 2, 3, 4]);
        return cert.CopyWithPrivateKey(key);
    }

    private string WritePem(string name, params X509Certificate2[] certs)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, string.Concat(certs.Select(c => c.ExportCertificatePem() + "\n")));
        return path;
    }

    [Fact]
    public void Certificate_issued_by_a_ca_in_the_bundle_is_trusted_and_others_are_not()
    {
        using var ours = Ca("Our CA");
        using var theirs = Ca("Their CA");
        using var good = Leaf(ours, "keystone.example");
        using var bad = Leaf(theirs, "keystone.example");
        var roots = Transport.LoadCaBundle(WritePem("bundle.pem", ours));

        Assert.True(Transport.ValidateWithRoots(roots, good, null, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.False(Transport.ValidateWithRoots(roots, bad, null, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.False(Transport.ValidateWithRoots(roots, good, null, SslPolicyErrors.RemoteCertificateNameMismatch));
    }

    [Fact]
    public void Insecure_accepts_any_certificate_and_is_off_by_default()
    {
        var ssl = new SslClientAuthenticationOptions();
        Transport.ConfigureTls(ssl, new OpenStackClientOptions());
        Assert.Null(ssl.RemoteCertificateValidationCallback);
        Assert.False(new OpenStackClientOptions().Insecure);

        Transport.ConfigureTls(ssl, new OpenStackClientOptions { Insecure = true });
        using var ca = Ca("Anyone");
        Assert.True(ssl.RemoteCertificateValidationCallback!(this, ca, null, SslPolicyErrors.RemoteCertificateChainErrors | SslPolicyErrors.RemoteCertificateNameMismatch));
    }

    [Fact]
    public void Ca_bundle_option_installs_a_validator_that_uses_the_bundle()
    {
        using var ours = Ca("Our CA");
        using var good = Leaf(ours, "h");
        using var stranger = Leaf(Ca("Other"), "h");
        var ssl = new SslClientAuthenticationOptions();

        Transport.ConfigureTls(ssl, new OpenStackClientOptions { CaCertFile = WritePem("ca.pem", ours) });

        Assert.True(ssl.RemoteCertificateValidationCallback!(this, good, null, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.False(ssl.RemoteCertificateValidationCallback!(this, stranger, null, SslPolicyErrors.None));
    }

    [Fact]
    public void Client_certificate_and_key_are_loaded_from_pem_files()
    {
        using var ca = Ca("CA");
        using var client = Leaf(ca, "client");
        var certPath = WritePem("client.pem", client);
        var keyPath = Path.Combine(_dir, "client.key");
        File.WriteAllText(keyPath, client.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        var ssl = new SslClientAuthenticationOptions();

        Transport.ConfigureTls(ssl, new OpenStackClientOptions { ClientCertFile = certPath, ClientKeyFile = keyPath });

        var loaded = Assert.IsType<X509Certificate2>(Assert.Single(ssl.ClientCertificates!.Cast<X509Certificate>()));
        Assert.True(loaded.HasPrivateKey);
        Assert.Equal(client.Thumbprint, loaded.Thumbprint);
    }

    [Fact]
    public void Missing_ca_bundle_fails_with_its_path()
    {
        var path = Path.Combine(_dir, "missing.pem");

        var e = Assert.Throws<ArgumentException>(() => new KeystoneSession(new OpenStackClientOptions { Token = "t", Endpoint = "https://x/", CaCertFile = path }));

        Assert.StartsWith($"CA bundle '{path}' (os_cacert) could not be read", e.Message);
    }
}
