using Newtonsoft.Json;

namespace OpenStack.Http;

/// <summary>
/// A property-name table for one large body: a name is made into a string the first time it is read and shared after that,
/// so that the keys repeated on every row (<c>value_meta</c>'s, dimensions') are not a new string each time. Bounded: past
/// <see cref="MaxNames"/> distinct names, or for a name longer than <see cref="MaxLength"/>, Json.NET makes the string
/// itself, as without a table.
/// </summary>
internal sealed class RepeatedNames : JsonNameTable
{
    /// <summary>The body size from which a table pays for itself (small bodies read each name about once).</summary>
    public const long MinBodyBytes = 32 * 1024;

    private const int MaxNames = 1024;
    private const int MaxLength = 128;
    private readonly DefaultJsonNameTable _names = new();
    private int _count;

    /// <summary>A table for a body of <paramref name="length"/> bytes, or null where it would not pay.</summary>
    public static JsonNameTable? For(long length) => length >= MinBodyBytes ? new RepeatedNames() : null;

    /// <inheritdoc />
    public override string? Get(char[] key, int start, int length)
    {
        var name = _names.Get(key, start, length);
        if (name is null && length <= MaxLength && _count < MaxNames)
        {
            _count++;
            name = _names.Add(new string(key, start, length));
        }
        return name;
    }
}
