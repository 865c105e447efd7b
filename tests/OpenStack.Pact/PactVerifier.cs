using OpenStack.Pact.Native;

namespace OpenStack.Pact;

/// <summary>The outcome of a provider verification.</summary>
/// <param name="ExitCode">0 verified, 1 verification failed, anything else a verifier error.</param>
/// <param name="Output">The verifier's console output (no colours).</param>
/// <param name="Json">The verifier's JSON report.</param>
public sealed record PactVerificationResult(int ExitCode, string Output, string Json)
{
    /// <summary>Whether every selected interaction verified.</summary>
    public bool Success => ExitCode == 0;
}

/// <summary>
/// Verifies pact files against a running provider with the FFI verifier (the same engine as
/// <c>pact verifier</c>). Provider states go to a state-change URL as a JSON body, with teardown calls;
/// whatever JSON object the state-change URL answers feeds the pact's provider-state generators.
/// </summary>
public sealed class PactVerifier
{
    private readonly string _provider;
    private readonly List<string> _files = new();
    private readonly List<KeyValuePair<string, string>> _headers = new();
    private Uri? _endpoint;
    private Uri? _stateUrl;
    private bool _teardown;
    private string? _descriptionFilter;
    private string? _stateFilter;
    private TimeSpan _timeout = TimeSpan.FromSeconds(30);

    /// <summary>A verifier for the provider named <paramref name="provider"/>.</summary>
    public PactVerifier(string provider) => _provider = provider;

    /// <summary>The provider's base address (scheme, host, port and base path).</summary>
    public PactVerifier WithHttpEndpoint(Uri baseAddress)
    {
        _endpoint = baseAddress;
        return this;
    }

    /// <summary>A pact file to verify.</summary>
    public PactVerifier WithPactFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException("No pact file to verify.", path);
        }
        _files.Add(Path.GetFullPath(path));
        return this;
    }

    /// <summary>The state-change URL.</summary>
    public PactVerifier WithProviderStateUrl(Uri url, bool teardown = true)
    {
        _stateUrl = url;
        _teardown = teardown;
        return this;
    }

    /// <summary>A header added to (replacing any of that name in) every request sent to the provider.</summary>
    public PactVerifier WithCustomHeader(string name, string value)
    {
        _headers.Add(KeyValuePair.Create(name, value));
        return this;
    }

    /// <summary>Verifies only the interactions whose description (and/or state) matches these regular expressions.</summary>
    public PactVerifier WithFilter(string? description = null, string? providerState = null)
    {
        _descriptionFilter = description;
        _stateFilter = providerState;
        return this;
    }

    /// <summary>The timeout of one request to the provider.</summary>
    public PactVerifier WithRequestTimeout(TimeSpan timeout)
    {
        _timeout = timeout;
        return this;
    }

    /// <summary>Runs the verification (blocking; the provider may live in this process).</summary>
    public PactVerificationResult Verify()
    {
        if (_endpoint is null)
        {
            throw new InvalidOperationException("WithHttpEndpoint was not called.");
        }
        if (_files.Count == 0)
        {
            throw new InvalidOperationException("WithPactFile was not called.");
        }
        var h = PactFfi.VerifierNewForApplication("openstack-dotnet-contract-tests", "1.0.0");
        if (h == IntPtr.Zero)
        {
            throw new InvalidOperationException("pactffi_verifier_new_for_application failed.");
        }
        try
        {
            var path = _endpoint.AbsolutePath;
            PactFfi.VerifierSetProviderInfo(h, _provider, _endpoint.Scheme, _endpoint.Host, (ushort)_endpoint.Port, path);
            if (_stateUrl is not null)
            {
                PactFfi.VerifierSetProviderState(h, _stateUrl.ToString(), _teardown ? (byte)1 : (byte)0, body: 1);
            }
            if (_descriptionFilter is not null || _stateFilter is not null)
            {
                PactFfi.VerifierSetFilterInfo(h, _descriptionFilter, _stateFilter, 0);
            }
            foreach (var (name, value) in _headers)
            {
                PactFfi.VerifierAddCustomHeader(h, name, value);
            }
            foreach (var file in _files)
            {
                PactFfi.VerifierAddFileSource(h, file);
            }
            PactFfi.VerifierSetNoPactsIsError(h, 1);
            PactFfi.VerifierSetVerificationOptions(h, 0, (ulong)_timeout.TotalMilliseconds);
            PactFfi.VerifierSetColouredOutput(h, 0);
            var rc = PactFfi.VerifierExecute(h);
            return new PactVerificationResult(rc, PactFfi.VerifierOutput(h), PactFfi.VerifierJson(h));
        }
        finally
        {
            PactFfi.VerifierShutdown(h);
        }
    }

    /// <summary>An anchored regular expression (Rust syntax) that matches exactly <paramref name="description"/>.</summary>
    public static string ExactDescription(string description)
    {
        var text = new System.Text.StringBuilder("^");
        foreach (var c in description)
        {
            if (@"\.+*?()|[]{}^$#&-~".Contains(c))
            {
                text.Append('\\');
            }
            text.Append(c);
        }
        return text.Append('$').ToString();
    }

    /// <summary>Runs <see cref="Verify"/> on a thread-pool thread.</summary>
    public Task<PactVerificationResult> VerifyAsync() => Task.Run(Verify);
}
