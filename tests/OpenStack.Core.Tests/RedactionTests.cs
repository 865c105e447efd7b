using System.Text;
using Newtonsoft.Json;
using OpenStack.Testing;

namespace OpenStack.Core.Tests;

/// <summary>The one redactor: every secret, in every form a body can carry it.</summary>
public sealed class RedactionTests
{
    public static TheoryData<string> Secrets => new() { LeakSecrets.Password, LeakSecrets.ApplicationCredentialSecret, LeakSecrets.GivenToken, "pässwörd/ünï+cødé" };

    [Theory]
    [MemberData(nameof(Secrets))]
    public void Every_form_of_a_secret_is_masked(string secret)
    {
        foreach (var form in LeakSecrets.Forms(secret))
        {
            var text = $"before {form} after";

            var scrubbed = Redaction.Scrub(text, [secret]);

            Assert.StartsWith("before ", scrubbed, StringComparison.Ordinal);
            Assert.EndsWith(" after", scrubbed, StringComparison.Ordinal);
            Assert.Contains("***", scrubbed, StringComparison.Ordinal);
            Assert.Empty(new SecretLeakScanner(secret).Text("scrubbed", scrubbed).Findings());
        }
    }

    [Theory]
    [MemberData(nameof(Secrets))]
    public void A_request_body_quoted_in_any_encoding_loses_the_secret(string secret)
    {
        var body = JsonConvert.SerializeObject(new { auth = new { identity = new { password = new { user = new { name = "admin", password = secret } } } } });
        var echoes = new List<string>(LeakSecrets.Forms(body))
        {
            JsonConvert.SerializeObject(new { error = new { message = "Invalid input: " + body } }),
            Convert.ToBase64String(Encoding.UTF8.GetBytes("xy" + body)),
            Convert.ToBase64String(Encoding.UTF8.GetBytes("x" + body)),
            System.Net.WebUtility.HtmlEncode(body),
        };
        foreach (var echo in echoes)
        {
            var scrubbed = Redaction.Scrub(echo, [secret]);

            Assert.Empty(new SecretLeakScanner(secret).Text("scrubbed", scrubbed).Findings());
            Assert.DoesNotContain(secret, Decoded(scrubbed), StringComparison.Ordinal);
        }
    }

    private static string Decoded(string text)
    {
        try
        {
            text = JsonConvert.DeserializeObject<string>("\"" + text.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"") ?? text;
        }
        catch (JsonException)
        {
        }
        return Uri.UnescapeDataString(text);
    }

    [Fact]
    public void Text_without_secrets_is_returned_unchanged_and_short_secrets_are_ignored()
    {
        const string text = "Keystone said: the password is wrong (\\u0041 %41 &amp; QUJD).";

        Assert.Same(text, Redaction.Scrub(text, ["nothing-like-it", null, "", "is"]));
    }

    [Fact]
    public void Overlapping_and_adjacent_matches_become_one_mask()
    {
        Assert.Equal("a *** b", Redaction.Scrub("a secretsecret b", ["secret"]));
        Assert.Equal("x *** y", Redaction.Scrub("x tokentok y", ["tokentok", "entok"]));
    }

    [Fact]
    public void The_secrets_of_a_request_are_its_token_header_and_its_sessions_secrets()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1/");
        request.Headers.TryAddWithoutValidation("X-Auth-Token", LeakSecrets.GivenToken);
        var set = new SecretSet([LeakSecrets.Password]);
        set.Add(LeakSecrets.IssuedToken);
        request.Options.Set(Redaction.SecretsKey, set);

        var scrubbed = Redaction.Scrub($"{LeakSecrets.GivenToken} {LeakSecrets.Password} {Uri.EscapeDataString(LeakSecrets.IssuedToken)}", request);

        Assert.Equal("*** *** ***", scrubbed);
    }

    [Fact]
    public void A_session_keeps_its_credential_secrets_and_the_most_recent_tokens()
    {
        var set = new SecretSet([LeakSecrets.Password, null]);
        for (var i = 0; i < 40; i++)
        {
            set.Add($"token-number-{i:D3}");
        }

        Assert.Contains(LeakSecrets.Password, set.Items);
        Assert.Contains("token-number-039", set.Items);
        Assert.DoesNotContain("token-number-000", set.Items);
        Assert.True(set.Items.Count <= 17);
    }
}
