using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OpenStack.Benchmarks;

/// <summary>
/// The loopback server the benchmark cases call (a process of its own, so that its allocations and GC are not
/// counted against the clients): the same bytes for the raw baseline, the library and the Python clients.
/// </summary>
internal static class Serve
{
    public const int StreamPageRows = 100_000;

    public static async Task RunAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();

        var fixedBodies = new Dictionary<string, byte[]>
        {
            ["m10k"] = Encoding.UTF8.GetBytes(Bodies.Measurements(10_000)),
            ["m100k"] = Encoding.UTF8.GetBytes(Bodies.Measurements(100_000)),
            ["m10krich"] = Encoding.UTF8.GetBytes(Bodies.Measurements(10_000, rich: true)),
            ["s1000"] = Encoding.UTF8.GetBytes(Bodies.Statistics(1_000)),
        };
        var alarms = Encoding.UTF8.GetBytes(Bodies.Alarms(100));
        var audits = Encoding.UTF8.GetBytes(Bodies.Audits(1_000));
        var plan = Encoding.UTF8.GetBytes(Bodies.ActionPlan());
        var goals = Encoding.UTF8.GetBytes(Bodies.Goals());
        var root = Encoding.UTF8.GetBytes(Bodies.WatcherRoot);
        var pages = new ConcurrentDictionary<long, byte[]>();

        app.MapGet("/v2.0/metrics/measurements", (HttpContext ctx) =>
        {
            var name = ctx.Request.Query["name"].ToString();
            if (fixedBodies.TryGetValue(name, out var body))
            {
                return Json(ctx, body);
            }
            // mstream<total>: pages of StreamPageRows rows; the offset is the server's own <id>_<last timestamp>.
            var total = long.Parse(name["mstream".Length..], CultureInfo.InvariantCulture);
            var next = 0L;
            if (ctx.Request.Query["offset"].ToString() is { Length: > 0 } offset)
            {
                var ts = DateTime.Parse(offset[(offset.IndexOf('_') + 1)..], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
                next = (long)((ts - Bodies.MeasurementStart).TotalSeconds / 30) + 1;
            }
            if (next >= total)
            {
                return Json(ctx, """{"links": [], "elements": []}"""u8.ToArray());
            }
            var rows = (int)Math.Min(StreamPageRows, total - next);
            return Json(ctx, pages.GetOrAdd(next * 10 + (rows == StreamPageRows ? 0 : 1), _ => Encoding.UTF8.GetBytes(Bodies.Measurements(rows, next, next + rows < total))));
        });
        app.MapGet("/v2.0/metrics/statistics", (HttpContext ctx) => Json(ctx, fixedBodies[ctx.Request.Query["name"].ToString()]));
        app.MapGet("/v2.0/alarms", (HttpContext ctx) => Json(ctx, alarms));
        app.MapPost("/v2.0/metrics", async (HttpContext ctx) =>
        {
            await ctx.Request.Body.CopyToAsync(Stream.Null);
            ctx.Response.StatusCode = 204;
        });
        app.MapGet("/", (HttpContext ctx) => Json(ctx, root));
        app.MapGet("/v1/audits/detail", (HttpContext ctx) => Json(ctx, audits));
        app.MapGet("/v1/action_plans/{id}", (HttpContext ctx) => Json(ctx, plan));
        app.MapGet("/v1/goals", (HttpContext ctx) => Json(ctx, goals));
        await app.RunAsync();
    }

    private static async Task Json(HttpContext ctx, byte[] body)
    {
        ctx.Response.ContentType = "application/json";
        ctx.Response.ContentLength = body.Length;
        await ctx.Response.Body.WriteAsync(body);
    }
}
