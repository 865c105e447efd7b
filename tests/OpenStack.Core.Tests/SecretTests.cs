namespace OpenStack.Core.Tests;

public sealed class SecretTests
{
    [Fact]
    public void Options_to_string_hides_password_token_and_application_credential_secret()
    {
        var o = new OpenStackClientOptions
        {
            AuthUrl = "http://k/v3", Username = "admin", Password = "pw-123456", Token = "tok-123456",
            ApplicationCredentialId = "ac", ApplicationCredentialSecret = "acs-123456",
        };

        var text = o.ToString();

        Assert.DoesNotContain("pw-123456", text);
        Assert.DoesNotContain("tok-123456", text);
        Assert.DoesNotContain("acs-123456", text);
        Assert.Contains("Password = ***", text);
        Assert.Contains("admin", text);
    }

    [Fact]
    public void Token_to_string_shows_a_sha256_fingerprint_instead_of_the_token()
    {
        var token = new KeystoneToken("gAAAA-real-token", DateTimeOffset.UnixEpoch);

        Assert.DoesNotContain("gAAAA-real-token", token.ToString());
        Assert.Contains("{SHA256}", token.ToString());
        Assert.Equal("{SHA256}" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("gAAAA-real-token"u8)), token.Fingerprint);
    }

    [Fact]
    public void Session_to_string_names_the_identity_without_secrets()
    {
        using var session = new KeystoneSession(new OpenStackClientOptions
        {
            AuthUrl = "http://k/v3", Username = "admin", Password = "pw-123456", UserDomainName = "Default", ProjectId = "p1",
        });

        var text = session.ToString();

        Assert.Equal("KeystoneSession { AuthUrl = http://k/v3, Credentials = user 'admin' (domain 'Default'), project id p1, Shared = False }", text);
    }
}
