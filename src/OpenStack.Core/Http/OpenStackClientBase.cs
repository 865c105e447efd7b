using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Newtonsoft.Json;

namespace OpenStack.Http;

/// <summary>
/// The base of every generated per-resource client (NSwag's <c>clientBaseClass</c>): the one place where requests are
/// prepared and answers are read, for every service. A service derives one class from it that supplies its serializer
/// settings, its exception and its own hooks; a new tag in a spec gets all of it without a hand-written file.
/// </summary>
/// <remarks>
/// Success bodies are deserialized from the response stream, never buffered whole; error bodies are read bounded
/// (<see cref="MaxErrorBodyBytes"/>) before the service's hook sees them. <see cref="HttpClient.Timeout"/> covers the
/// whole answer, body included: a body that stalls after the headers ends the call at the timeout with HttpClient's
/// usual <see cref="TaskCanceledException"/> (inner <see cref="TimeoutException"/>).
/// </remarks>
public abstract partial class OpenStackClientBase
{
    /// <summary>The most bytes of an error body (or of an HTML page) that are kept.</summary>
    public const int MaxErrorBodyBytes = 1024 * 1024;

    /// <summary>Marks a request whose answer the generated client reads from the stream itself.</summary>
    internal static readonly HttpRequestOptionsKey<bool> StreamedBody = new("OpenStack.StreamedBody");

    /// <summary>How many bytes of a success body are kept to show in the message when the body cannot be read.</summary>
    private const int DiagnosticPrefixBytes = 4096;

    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");

    /// <summary>Creates the base over the HttpClient the generated client sends through.</summary>
    /// <param name="httpClient">An HttpClient whose base address is the service root ending in <c>/</c>.</param>
    /// <param name="serializer">
    /// The service's serializer, shared by all its clients (thread-safe once configured; see <see cref="CreateSerializer"/>).
    /// </param>
    /// <param name="createException">Creates the service's exception (see <see cref="CreateException"/>).</param>
    protected OpenStackClientBase(HttpClient httpClient, JsonSerializer serializer, ApiExceptionFactory createException)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(serializer);
        ArgumentNullException.ThrowIfNull(createException);
        HttpClient = httpClient;
        Serializer = serializer;
        _createException = createException;
    }

    private readonly ApiExceptionFactory _createException;

    /// <summary>
    /// A serializer for a service: dates stay strings until a typed property asks for one, text after the JSON value is
    /// an error, and <paramref name="configure"/> adds the service's own converters.
    /// </summary>
    protected static JsonSerializer CreateSerializer(Action<JsonSerializerSettings> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var settings = new JsonSerializerSettings
        {
            CheckAdditionalContent = true,
            DateParseHandling = DateParseHandling.None,
            ContractResolver = RequiredPropertyResolver.Instance,
        };
        configure(settings);
        return JsonSerializer.Create(settings);
    }

    /// <summary>The HttpClient requests are sent through.</summary>
    protected HttpClient HttpClient { get; }

    /// <summary>The serializer that reads and writes the service's bodies.</summary>
    protected JsonSerializer Serializer { get; }

    /// <summary>Creates the service's exception with the factory the service's base gave (the generated code's constructor shape).</summary>
    protected Exception CreateException(string message, int statusCode, string? response,
        IReadOnlyDictionary<string, IEnumerable<string>> headers, Exception? innerException)
        => _createException(message, statusCode, response, headers, innerException);

    /// <summary>Called with the URL under construction, before it is parsed (for example to rewrite query values).</summary>
    protected virtual ValueTask PrepareRequestAsync(HttpClient client, HttpRequestMessage request, StringBuilder urlBuilder, CancellationToken cancellationToken) => default;

    /// <summary>Called with the finished request, just before it is sent.</summary>
    protected virtual ValueTask PrepareRequestAsync(HttpClient client, HttpRequestMessage request, string url, CancellationToken cancellationToken) => default;

    /// <summary>
    /// Called with every answer before the generated code dispatches on its status. The base reads error bodies and
    /// HTML pages bounded into memory (with the request's token scrubbed from them in every encoding) and throws
    /// <see cref="CreateErrorException"/> for them; success bodies are left as streams. The token is cancelled when
    /// <see cref="HttpClient.Timeout"/> elapses.
    /// </summary>
    protected virtual async ValueTask ProcessResponseAsync(HttpClient client, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var html = IsHtml(response.Content);
        if (response.Content is { } content && (!response.IsSuccessStatusCode || html) && content is not BoundedContent)
        {
            try
            {
                response.Content = await BoundedContent.ReadAsync(content, MaxErrorBodyBytes, response.RequestMessage, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
            {
                throw OpenStackConnectionException.CutOff(response, e);
            }
        }
        if (!response.IsSuccessStatusCode || html)
        {
            // The one place an error answer becomes an exception, for every operation of every service: the generated
            // code dispatches only on the success statuses its spec declares.
            throw CreateErrorException(response);
        }
    }

    /// <summary>
    /// The service's exception for an error answer (or an HTML page with any status), whose body the response hook
    /// has already read bounded and scrubbed: the one construction of every service's error. It passes the reason
    /// phrase, the status, the body and the scrubbed headers (which also name the request) to <see cref="CreateException"/>;
    /// the exception parses the body (<see cref="OpenStackApiException"/>).
    /// </summary>
    protected virtual Exception CreateErrorException(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = response.Content is BoundedContent bounded ? bounded.Text : null;
        return CreateException(response.ReasonPhrase ?? "HTTP " + (int)response.StatusCode, (int)response.StatusCode, body, ResponseHeaders(response), null);
    }

    /// <summary>
    /// Reads an answer's body as an error body is read: at most <see cref="MaxErrorBodyBytes"/>, decoded leniently (an
    /// unknown charset as UTF-8), with the request's token scrubbed in every form; the answer keeps the bounded copy.
    /// For handlers that build their own exception from an answer (a microversion refusal, for example).
    /// </summary>
    public static async Task<string> ReadErrorBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.Content is not { } content)
        {
            return string.Empty;
        }
        if (content is not BoundedContent bounded)
        {
            bounded = await BoundedContent.ReadAsync(content, MaxErrorBodyBytes, response.RequestMessage, cancellationToken).ConfigureAwait(false);
            response.Content = bounded;
        }
        return bounded.Text;
    }

    /// <summary>Whether the body is an HTML page (a proxy's or a portal's, never a service answer).</summary>
    protected static bool IsHtml(HttpContent? content) =>
        content?.Headers.ContentType?.MediaType is { } type && type.Contains("html", StringComparison.OrdinalIgnoreCase);

    /// <summary>Serializes a request body once, to UTF-8 bytes in pooled memory (returned when the request is disposed), with the service's media type.</summary>
    /// <exception cref="ArgumentException">A property the contract requires is <see langword="null"/>.</exception>
    protected HttpContent CreateJsonContent<T>(T body, string mediaType)
    {
        PooledJsonContent content;
        try
        {
            content = PooledJsonContent.Create((Serializer, body), static (writer, state) =>
            {
                using var json = new JsonTextWriter(writer) { CloseOutput = false, ArrayPool = JsonCharPool.Instance };
                state.Serializer.Serialize(json, state.body, typeof(T));
            });
        }
        catch (JsonSerializationException e)
        {
            // A required value left null: the caller's mistake, refused before anything is sent.
            throw new ArgumentException($"The {typeof(T).Name} body cannot be sent: {e.Message}", nameof(body), e);
        }
        catch (System.Reflection.TargetInvocationException e) when (e.InnerException is ArgumentException refused)
        {
            // A body's own check ([OnSerializing], a value the server would fail on): its message, not reflection's.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(refused);
            throw;
        }
        content.Headers.ContentType = mediaType == "application/json" ? JsonMediaType : MediaTypeHeaderValue.Parse(mediaType);
        return content;
    }

    /// <summary>An empty body with the given media type (a POST or PUT without a body schema).</summary>
    protected static HttpContent CreateEmptyContent(string mediaType)
    {
        var content = new ByteArrayContent([]);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
        return content;
    }

    /// <summary>The answer's headers, as the generated exceptions take them (built only when read).</summary>
    protected static IReadOnlyDictionary<string, IEnumerable<string>> ResponseHeaders(HttpResponseMessage response) => new LazyHeaders(response);

    /// <summary>
    /// Starts reading an answer's body under the rest of <see cref="HttpClient.Timeout"/> (measured from
    /// <paramref name="startedAt"/>, a <see cref="Stopwatch"/> timestamp) and the caller's token.
    /// </summary>
    protected BodyScope BeginBody(HttpResponseMessage response, long startedAt, CancellationToken cancellationToken)
        => new(response, HttpClient.Timeout, startedAt, cancellationToken);

    /// <summary>Marks the request as one whose answer this client reads from the stream (see <see cref="BeginBody"/>).</summary>
    protected static void StreamAnswer(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Options.Set(StreamedBody, true);
    }

    /// <summary>Reads a body as text (an error or plain-text answer; these are already bounded in memory).</summary>
    protected static async Task<string> ReadAsStringAsync(HttpContent content, CancellationToken cancellationToken)
    {
        try
        {
            return await content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // An unknown charset: read the bytes as UTF-8 (JSON's encoding).
            var bytes = await content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            return Encoding.UTF8.GetString(bytes);
        }
    }

    /// <summary>
    /// Deserializes an answer: success bodies read asynchronously and then parsed in one pass, error bodies from their bounded text (which
    /// the service's exception keeps). An unreadable body is the service's exception, never a serializer's.
    /// </summary>
    protected async Task<ObjectResult<T>> ReadObjectResponseAsync<T>(HttpResponseMessage response,
        IReadOnlyDictionary<string, IEnumerable<string>> headers, CancellationToken cancellationToken)
    {
        if (response.Content is not { } content)
        {
            return new ObjectResult<T>(default!, string.Empty);
        }
        var status = (int)response.StatusCode;
        if (content is BoundedContent bounded)
        {
            var text = bounded.Text;
            try
            {
                return new ObjectResult<T>(Deserialize<T>(text)!, text);
            }
            catch (Exception e) when (IsMalformedBody(e))
            {
                throw CreateException($"Could not deserialize the response body string as {typeof(T).FullName}.", status, text, headers,
                    AsJsonError(e, response.RequestMessage));
            }
        }
        PooledBody? body = null;
        var frames = RequiredPropertyResolver.Frames.Depth;
        try
        {
            // The bytes arrive by ReadAsync under the body's token (no thread waits on the socket, a stall ends at the
            // deadline); Json.NET then parses what is already in memory.
            body = await PooledBody.ReadAsync(content, cancellationToken).ConfigureAwait(false);
            if (DeferredReads.Claim())
            {
                var deferred = new BufferedResponseBody(body, EncodingOf(content), (e, prefix) =>
                    CreateException($"Could not deserialize the response body stream as {typeof(T).FullName}.", status,
                        Redaction.Scrub(prefix, response.RequestMessage), headers, AsJsonError(e, response.RequestMessage)));
                if (TryReadLater<T>(deferred, out var later))
                {
                    // The value owns the body now.
                    body = null;
                    return new ObjectResult<T>(later, string.Empty);
                }
            }
            using var json = new JsonTextReader(body.OpenText(EncodingOf(content))) { CloseInput = false, ArrayPool = JsonCharPool.Instance, PropertyNameTable = RepeatedNames.For(body.Length) };
            return new ObjectResult<T>(Serializer.Deserialize<T>(json)!, string.Empty);
        }
        catch (JsonException e) when (FindIOException(e) is { } io)
        {
            throw BodyCutOff(response, io);
        }
        catch (IOException io)
        {
            throw BodyCutOff(response, io);
        }
        catch (Exception e) when (IsMalformedBody(e))
        {
            // Any failure of the read other than the connection's, a cancellation or the size limit: a malformed 2xx body,
            // at any depth (a converter's, a callback's or a setter's error), is the service's exception.
            cancellationToken.ThrowIfCancellationRequested();
            var began = Redaction.Scrub(body?.Prefix(EncodingOf(content), DiagnosticPrefixBytes) ?? string.Empty, response.RequestMessage);
            throw CreateException($"Could not deserialize the response body stream as {typeof(T).FullName}.", status, began, headers,
                AsJsonError(e, response.RequestMessage));
        }
        finally
        {
            body?.Dispose();
            RequiredPropertyResolver.Frames.Depth = frames;
        }
    }

    /// <summary>
    /// Called, for a page an all-pages stream reads, with its body already in memory: a service that can parse the page
    /// as its items are used returns <see langword="true"/> and a value that owns <paramref name="body"/> (and disposes
    /// it once read); the base returns <see langword="false"/> and the body is parsed at once.
    /// </summary>
    /// <typeparam name="T">The page type.</typeparam>
    /// <param name="body">The body; the value that takes it disposes it.</param>
    /// <param name="value">The page, parsed as it is used.</param>
    protected virtual bool TryReadLater<T>(BufferedResponseBody body, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out T value)
    {
        value = default;
        return false;
    }

    /// <summary>Whether a read failed on the body's content (not on the connection, a cancellation, or the size limit).</summary>
    internal static bool IsMalformedBody(Exception e) =>
        e is not (OperationCanceledException or OpenStackException or IOException or OutOfMemoryException or ObjectDisposedException)
        && (e is not JsonException || FindIOException(e) is null);

    /// <summary>The reason as a serializer's error (unwrapped from reflection, scrubbed of the request's secrets).</summary>
    private static JsonException AsJsonError(Exception e, HttpRequestMessage? request)
    {
        while (e is System.Reflection.TargetInvocationException { InnerException: { } inner })
        {
            e = inner;
        }
        return e is JsonException json
            ? Redaction.Scrub(json, request)
            : new JsonSerializationException(Redaction.Scrub(e.Message, request));
    }

    private static IOException? FindIOException(Exception e)
    {
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is IOException io)
            {
                return io;
            }
        }
        return null;
    }

    private static OpenStackConnectionException BodyCutOff(HttpResponseMessage response, IOException io) =>
        OpenStackConnectionException.CutOff(response, io);

    /// <summary>Deserializes a text body (an error body, for example) with the service's serializer.</summary>
    protected T? Deserialize<T>(string text)
    {
        var frames = RequiredPropertyResolver.Frames.Depth;
        try
        {
            using var json = new JsonTextReader(new StringReader(text));
            return Serializer.Deserialize<T>(json);
        }
        finally
        {
            RequiredPropertyResolver.Frames.Depth = frames;
        }
    }

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    private static Encoding EncodingOf(HttpContent content)
    {
        if (content.Headers.ContentType?.CharSet is { Length: > 0 } charset)
        {
            try
            {
                return Encoding.GetEncoding(charset.Trim('"'));
            }
            catch (ArgumentException)
            {
                // An unknown charset: JSON's encoding.
            }
        }
        return Utf8NoBom;
    }

    /// <summary>A deserialized body and, for bounded (error) bodies, its text.</summary>
    /// <typeparam name="T">The body's type.</typeparam>
    /// <param name="Value">The deserialized body.</param>
    /// <param name="Text">The body's text when it was read as text, else empty.</param>
    protected readonly record struct ObjectResult<T>(T Value, string Text);

    /// <summary>Json.NET's character buffers from the shared pool instead of a new array per body.</summary>
    internal sealed class JsonCharPool : IArrayPool<char>
    {
        public static readonly JsonCharPool Instance = new();

        public char[] Rent(int minimumLength) => System.Buffers.ArrayPool<char>.Shared.Rent(minimumLength);

        public void Return(char[]? array)
        {
            if (array is not null)
            {
                System.Buffers.ArrayPool<char>.Shared.Return(array);
            }
        }
    }
}
