using System.Text;

namespace OpenStack.Core.Tests;

/// <summary>Request bodies are encoded to UTF-8 exactly, whatever the size of the writes and where they split.</summary>
public class PooledJsonContentTests
{
    [Theory]
    [InlineData(4095)] // a surrogate pair split across the end of the character buffer
    [InlineData(4096)]
    [InlineData(1)]
    public async Task Text_is_encoded_exactly_across_the_buffers_edges(int before)
    {
        var pieces = new List<string>
        {
            new('a', before), "\U0001F600", "é", new string('b', 9000) + "\U0001F680" + new string('ü', 5000), "}", "\u20AC",
        };
        using var content = PooledJsonContent.Create(pieces, static (writer, items) =>
        {
            foreach (var item in items)
            {
                if (item.Length == 1)
                {
                    writer.Write(item[0]);
                }
                else
                {
                    writer.Write(item);
                }
            }
            // A pair written one char at a time.
            writer.Write('\uD83D');
            writer.Write('\uDE01');
        });

        var bytes = await content.ReadAsByteArrayAsync();

        Assert.Equal(Encoding.UTF8.GetBytes(string.Concat(pieces) + "\U0001F601"), bytes);
    }
}
