using System.Web;

namespace OpenStack.Testing;

/// <summary>Reads a Monasca page's <c>links</c> (any generated Link type with <c>Rel</c> and <c>Href</c>).</summary>
public static class PageLinks
{
    /// <summary>The decoded <c>offset</c> of the <c>next</c> link, or null when there is no next link or no offset in it.</summary>
    public static string? NextOffset(IEnumerable<object>? links)
    {
        var next = links?.FirstOrDefault(l => (string?)l.GetType().GetProperty("Rel")!.GetValue(l) == "next");
        if (next?.GetType().GetProperty("Href")!.GetValue(next) is not string href || !href.Contains('?', StringComparison.Ordinal))
        {
            return null;
        }
        return HttpUtility.ParseQueryString(href[(href.IndexOf('?', StringComparison.Ordinal) + 1)..])["offset"];
    }
}
