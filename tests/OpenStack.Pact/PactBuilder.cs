using System.Runtime.ExceptionServices;
using OpenStack.Pact.Native;

namespace OpenStack.Pact;

/// <summary>What a consumer test gets while the mock server runs.</summary>
/// <param name="MockServerUri">The mock server's base address, <c>http://127.0.0.1:{port}/</c>.</param>
public sealed record ConsumerContext(Uri MockServerUri);

/// <summary>
/// A pact between one consumer and one provider, built interaction by interaction, in the spirit of
/// PactNet's <c>IPactBuilderV4</c>:
/// <code>
/// pact.UponReceiving("a request to list goals").Given("goals exist")
///     .WithRequest(HttpMethod.Get, "/v1/goals").WithHeader("X-Auth-Token", Match.Regex("t", @"^\S+$"))
///     .WillRespond().WithStatus(200).WithJsonBody(new { goals = Match.EachLike(new { name = "dummy" }) });
/// await pact.VerifyAsync(async ctx => { /* drive the client against ctx.MockServerUri */ });
/// </code>
/// <see cref="VerifyAsync"/> starts the mock server on 127.0.0.1 (a free port), runs the test, fails
/// with the mock server's mismatches when a request was unexpected, missing or different, and
/// merges the interactions into <c>{directory}/{consumer}-{provider}.json</c>.
/// One builder is verified once.
/// </summary>
public sealed class PactBuilder : IDisposable
{
    private readonly ushort _pact;
    private readonly List<RequestBuilder> _interactions = new();
    private bool _verified;
    private bool _disposed;

    /// <summary>Creates an empty V4 pact.</summary>
    /// <param name="consumer">The consumer name, for example <c>openstack-dotnet</c>.</param>
    /// <param name="provider">The provider name, for example <c>watcher-api</c>.</param>
    /// <param name="pactDirectory">Where <see cref="VerifyAsync"/> writes the pact file.</param>
    public PactBuilder(string consumer, string provider, string pactDirectory)
    {
        Consumer = consumer;
        Provider = provider;
        PactDirectory = pactDirectory;
        _pact = PactFfi.NewPact(consumer, provider);
        if (!PactFfi.WithSpecification(_pact, PactSpecification.V4))
        {
            throw new InvalidOperationException("pactffi_with_specification(V4) failed.");
        }
    }

    /// <summary>The consumer name.</summary>
    public string Consumer { get; }

    /// <summary>The provider name.</summary>
    public string Provider { get; }

    /// <summary>The folder the pact file is written to.</summary>
    public string PactDirectory { get; }

    /// <summary>The pact file this builder merges into.</summary>
    public string PactFilePath => Path.Combine(PactDirectory, $"{Consumer}-{Provider}.json");

    /// <summary>Whether <see cref="VerifyAsync"/> passed and merged the interactions into <see cref="PactFilePath"/>.</summary>
    public bool IsWritten { get; private set; }

    /// <summary>Starts a new interaction.</summary>
    public RequestBuilder UponReceiving(string description)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_verified)
        {
            throw new InvalidOperationException("This pact was verified already; use a new PactBuilder.");
        }
        if (_interactions.Any(i => i.Description == description))
        {
            throw new ArgumentException($"Two interactions are described as '{description}'.", nameof(description));
        }
        var handle = PactFfi.NewInteraction(_pact, description);
        Check(PactFfi.UponReceiving(handle, description), "upon_receiving");
        var builder = new RequestBuilder(handle, description);
        _interactions.Add(builder);
        return builder;
    }

    /// <summary>
    /// Starts the mock server, runs <paramref name="test"/> against it, and fails when the mock server
    /// saw an unexpected request, missed an expected one, or saw a different one; then writes the pact.
    /// </summary>
    public async Task VerifyAsync(Func<ConsumerContext, Task> test)
    {
        ArgumentNullException.ThrowIfNull(test);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_verified)
        {
            throw new InvalidOperationException("This pact was verified already; use a new PactBuilder.");
        }
        if (_interactions.Count == 0)
        {
            throw new InvalidOperationException("No interaction was defined.");
        }
        foreach (var i in _interactions)
        {
            i.EnsureComplete();
        }
        _verified = true;

        var port = PactFfi.CreateMockServerForTransport(_pact, "127.0.0.1", 0, "http", null);
        if (port <= 0)
        {
            throw new InvalidOperationException($"The Pact mock server did not start (pactffi_create_mock_server_for_transport returned {port}).");
        }
        try
        {
            ExceptionDispatchInfo? testFailure = null;
            try
            {
                await test(new ConsumerContext(new Uri($"http://127.0.0.1:{port}/"))).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                testFailure = ExceptionDispatchInfo.Capture(ex);
            }

            if (!PactFfi.MockServerMatched(port))
            {
                var mismatches = PactFfi.MockServerMismatches(port);
                throw new PactMismatchException(Provider, mismatches, testFailure?.SourceException);
            }
            testFailure?.Throw();

            Directory.CreateDirectory(PactDirectory);
            var rc = PactFfi.WritePactFile(port, PactDirectory, overwrite: false);
            if (rc != 0)
            {
                throw new InvalidOperationException($"pactffi_write_pact_file returned {rc} for {PactFilePath}.");
            }
            IsWritten = true;
        }
        finally
        {
            PactFfi.CleanupMockServer(port);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        PactFfi.FreePactHandle(_pact);
    }

    internal static void Check(bool ok, string call)
    {
        if (!ok)
        {
            throw new InvalidOperationException($"pactffi_{call} refused the call (invalid handle, or the mock server has started).");
        }
    }
}

/// <summary>The request half of an interaction (and its provider states).</summary>
public sealed class RequestBuilder
{
    private readonly uint _handle;
    private readonly Dictionary<string, nuint> _queryIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, nuint> _headerIndex = new(StringComparer.OrdinalIgnoreCase);
    private ResponseBuilder? _response;
    private bool _hasRequest;

    internal RequestBuilder(uint handle, string description)
    {
        _handle = handle;
        Description = description;
    }

    /// <summary>The interaction's description (unique within a pact).</summary>
    public string Description { get; }

    /// <summary>Adds a provider state without parameters.</summary>
    public RequestBuilder Given(string providerState)
    {
        PactBuilder.Check(PactFfi.Given(_handle, providerState), "given");
        return this;
    }

    /// <summary>Adds a provider state with parameters.</summary>
    public RequestBuilder Given(string providerState, IReadOnlyDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.Count == 0)
        {
            return Given(providerState);
        }
        foreach (var (name, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            PactBuilder.Check(PactFfi.GivenWithParam(_handle, providerState, name, value), "given_with_param");
        }
        return this;
    }

    /// <summary>The request method and path (a string, or a matcher such as <see cref="Match.FromProviderState"/>).</summary>
    public RequestBuilder WithRequest(HttpMethod method, object path)
    {
        ArgumentNullException.ThrowIfNull(method);
        PactBuilder.Check(PactFfi.WithRequest(_handle, method.Method, Text(path)), "with_request");
        _hasRequest = true;
        return this;
    }

    /// <summary>A query parameter; call again with the same name for repeated values.</summary>
    public RequestBuilder WithQuery(string name, object value)
    {
        var index = _queryIndex.GetValueOrDefault(name);
        PactBuilder.Check(PactFfi.WithQueryParameter(_handle, name, index, Text(value)), "with_query_parameter_v2");
        _queryIndex[name] = index + 1;
        return this;
    }

    /// <summary>A request header (a string or a matcher).</summary>
    public RequestBuilder WithHeader(string name, object value)
    {
        var index = _headerIndex.GetValueOrDefault(name);
        PactBuilder.Check(PactFfi.WithHeader(_handle, InteractionPart.Request, name, index, Text(value)), "with_header_v2");
        _headerIndex[name] = index + 1;
        return this;
    }

    /// <summary>A JSON request body; values may be matchers.</summary>
    public RequestBuilder WithJsonBody(object? body, string contentType = "application/json")
    {
        PactBuilder.Check(PactFfi.WithBody(_handle, InteractionPart.Request, contentType, PactJson.Serialize(body)), "with_body");
        return this;
    }

    /// <summary>Moves on to the response.</summary>
    public ResponseBuilder WillRespond()
    {
        if (!_hasRequest)
        {
            throw new InvalidOperationException($"'{Description}': call WithRequest before WillRespond.");
        }
        return _response ??= new ResponseBuilder(_handle, this);
    }

    internal void EnsureComplete()
    {
        if (!_hasRequest || _response is null || !_response.HasStatus)
        {
            throw new InvalidOperationException($"Interaction '{Description}' needs WithRequest, WillRespond and WithStatus.");
        }
    }

    internal static string Text(object value) => value switch
    {
        string s => s,
        Matcher m => m.ToString(),
        null => throw new ArgumentNullException(nameof(value)),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };
}

/// <summary>The response half of an interaction.</summary>
public sealed class ResponseBuilder
{
    private readonly uint _handle;
    private readonly Dictionary<string, nuint> _headerIndex = new(StringComparer.OrdinalIgnoreCase);

    internal ResponseBuilder(uint handle, RequestBuilder request)
    {
        _handle = handle;
        Request = request;
    }

    /// <summary>The request half.</summary>
    public RequestBuilder Request { get; }

    internal bool HasStatus { get; private set; }

    /// <summary>The response status.</summary>
    public ResponseBuilder WithStatus(int status)
    {
        PactBuilder.Check(PactFfi.ResponseStatus(_handle, checked((ushort)status)), "response_status");
        HasStatus = true;
        return this;
    }

    /// <summary>A response header (a string or a matcher).</summary>
    public ResponseBuilder WithHeader(string name, object value)
    {
        var index = _headerIndex.GetValueOrDefault(name);
        PactBuilder.Check(PactFfi.WithHeader(_handle, InteractionPart.Response, name, index, RequestBuilder.Text(value)), "with_header_v2");
        _headerIndex[name] = index + 1;
        return this;
    }

    /// <summary>A JSON response body; values may be matchers.</summary>
    public ResponseBuilder WithJsonBody(object? body, string contentType = "application/json")
    {
        PactBuilder.Check(PactFfi.WithBody(_handle, InteractionPart.Response, contentType, PactJson.Serialize(body)), "with_body");
        return this;
    }
}
