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

    [Theory]
    [InlineData(64, "\r\n")]
    [InlineData(64, "\n")]
    [InlineData(76, "\r\n")]
    [InlineData(76, "\n")]
    public void Base64_wrapped_in_lines_loses_the_secret_at_every_alignment_and_break(int width, string newline)
    {
        var crossed = 0;
        foreach (var secret in LeakSecrets.All)
        {
            for (var pad = 0; pad < width; pad++)
            {
                // A whole request echoed as MIME (76) or PEM (64) base64: the secret lands at every alignment and line position.
                var payload = new string('p', pad) + "GET /v1/goals HTTP/1.1\r\nX-Auth-Token: " + secret + "\r\nAccept: application/json\r\n\r\n";
                var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(payload));
                var at = Encoding.UTF8.GetByteCount(payload[..payload.IndexOf(secret, StringComparison.Ordinal)]);
                var end = at + Encoding.UTF8.GetByteCount(secret);
                var core = base64[((at + 2) / 3 * 4)..(end / 3 * 4)]; // the characters that come from the secret's bytes alone
                var wrapped = string.Join(newline, base64.Chunk(width).Select(c => new string(c)));
                var coreStart = (at + 2) / 3 * 4;
                if (coreStart / width != (coreStart + core.Length - 1) / width)
                {
                    crossed++; // a line break falls inside the secret's base64
                }

                var scrubbed = Redaction.Scrub("echo:" + newline + wrapped + newline, [secret]);

                Assert.Contains("***", scrubbed);
                Assert.DoesNotContain(core, scrubbed.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
                Assert.StartsWith("echo:" + newline, scrubbed, StringComparison.Ordinal);
            }
        }
        Assert.True(crossed > 20, $"only {crossed} cases had a line break inside the secret's base64");
    }
}
