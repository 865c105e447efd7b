using Newtonsoft.Json;

namespace OpenStack.Http;

/// <summary>
/// A success body already in memory (read asynchronously into pooled segments), handed to a service's
/// <see cref="OpenStackClientBase.TryReadLater{T}"/> to be parsed as its value is used, for example row by row while an
/// all-pages stream hands the rows on. Whoever takes it disposes it (the segments go back to the pool).
/// </summary>
public sealed class BufferedResponseBody : IDisposable
{
    private readonly PooledBody _body;
    private readonly System.Text.Encoding _encoding;
    private readonly Func<Exception, string, Exception> _malformed;

    internal BufferedResponseBody(PooledBody body, System.Text.Encoding encoding, Func<Exception, string, Exception> malformed)
    {
        _body = body;
        _encoding = encoding;
        _malformed = malformed;
    }

    /// <summary>A JSON reader over the body from its start, with the settings of the service's serializer for dates.</summary>
    public JsonReader OpenReader() => new JsonTextReader(_body.OpenText(_encoding))
    {
        CloseInput = false,
        ArrayPool = OpenStackClientBase.JsonCharPool.Instance,
        DateParseHandling = DateParseHandling.None,
        PropertyNameTable = RepeatedNames.For(_body.Length),
    };

    /// <summary>
    /// Runs one step of the parse: a failure on the body's content becomes the service's exception, as the call itself
    /// throws for a body it cannot read (the first bytes of the body, scrubbed of the request's secrets, and the reason).
    /// </summary>
    /// <param name="step">Reads on from where the last step stopped.</param>
    public TResult Parse<TResult>(Func<TResult> step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var frames = RequiredPropertyResolver.Frames.Depth;
        try
        {
            return step();
        }
        catch (Exception e) when (OpenStackClientBase.IsMalformedBody(e))
        {
            throw _malformed(e, _body.Prefix(_encoding, 4096));
        }
        finally
        {
            RequiredPropertyResolver.Frames.Depth = frames;
        }
    }

    /// <summary>Returns the body's memory to the pool.</summary>
    public void Dispose() => _body.Dispose();
}

/// <summary>The read of a page an all-pages stream asks to be parsed as its items are used (see <see cref="PageWalker{TPage, T}"/>).</summary>
internal static class DeferredReads
{
    private static readonly AsyncLocal<Request?> Current = new();

    /// <summary>Asks the reads of <paramref name="fetch"/>'s flow to be deferred; only the first read of the flow takes it.</summary>
    public static async Task<TPage> FetchAsync<TPage>(Func<Task<TPage>> fetch)
    {
        Current.Value = new Request();
        return await fetch().ConfigureAwait(false);
    }

    /// <summary>Whether this read may be deferred (true once per request).</summary>
    public static bool Claim() => Current.Value is { } request && Interlocked.Exchange(ref request.Claimed, 1) == 0;

    private sealed class Request
    {
        public int Claimed;
    }
}
