using System.Web;
using OpenStack.Testing;

namespace OpenStack.Watcher.Tests;

public class PagingTests
{
    private static readonly string[] Uuids = Enumerable.Range(1, 5).Select(i => $"00000000-0000-0000-0000-00000000000{i}").ToArray();

    /// <summary>A fake Watcher that pages like the real one: `next` only on a full page, built without the filters.</summary>
    private static FakeResponse Page(RecordedRequest r, string collection)
    {
        var query = HttpUtility.ParseQueryString(r.QueryString);
        var limit = int.Parse(query["limit"] ?? "1000");
        var start = query["marker"] is { } m ? Array.IndexOf(Uuids, m) + 1 : 0;
        var items = Uuids.Skip(start).Take(limit).ToList();
        var json = string.Join(", ", items.Select(u => $$"""{"uuid": "{{u}}", "name": "n{{u[^1]}}", "state": "PENDING", "strategy_name": "{{(u[^1] % 2 == 0 ? "even" : "odd")}}"}"""));
        var next = items.Count == limit
            ? $", \"next\": \"http://elsewhere:9322/v1/{collection}?sort_key=id&sort_dir=asc&limit={limit}&marker={items[^1]}\""
            : "";
        return Fake.Json($$"""{"{{collection}}": [{{json}}]{{next}}}""");
    }

    [Fact]
    public async Task The_walker_keeps_filters_and_endpoint_and_follows_markers()
    {
        await using var server = await FakeServer.StartAsync(r => Page(r, "audit_templates"));
        using var client = Fake.Client(server, pathPrefix: "infra-optim/");
        var names = new List<string>();
        await foreach (var t in client.AuditTemplates.ListAllAsync(goal: "dummy", strategy: "s", sortKey: "id").AsPages(pageSizeHint: 2).SelectMany(p => p.Values.ToAsyncEnumerable()))
        {
            names.Add(t.Name);
        }
        Assert.Equal(["n1", "n2", "n3", "n4", "n5"], names);
        Assert.Equal(
        [
            "/infra-optim/v1/audit_templates?goal=dummy&strategy=s&limit=2&sort_key=id",
            $"/infra-optim/v1/audit_templates?goal=dummy&strategy=s&limit=2&marker={Uuids[1]}&sort_key=id",
            $"/infra-optim/v1/audit_templates?goal=dummy&strategy=s&limit=2&marker={Uuids[3]}&sort_key=id",
        ], server.Requests.Select(r => r.PathAndQuery));
    }

    [Fact]
    public async Task A_full_last_page_costs_one_empty_page()
    {
        await using var server = await FakeServer.StartAsync(r => Page(r, "goals"));
        using var client = Fake.Client(server);
        var all = new List<Goal>();
        await foreach (var g in client.Goals.ListAllDetailAsync().AsPages(pageSizeHint: 5).SelectMany(p => p.Values.ToAsyncEnumerable()))
        {
            all.Add(g);
        }
        Assert.Equal(5, all.Count);
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal("/v1/goals/detail?limit=5", server.Requests[0].PathAndQuery);
        Assert.Equal($"/v1/goals/detail?limit=5&marker={Uuids[4]}", server.Requests[1].PathAndQuery);
    }

    [Fact]
    public async Task Without_a_page_size_one_request_is_enough_when_the_server_sends_no_next()
    {
        await using var server = await FakeServer.StartAsync(r => Page(r, "actions"));
        using var client = Fake.Client(server);
        var plan = Guid.Parse(Uuids[0]);
        var count = 0;
        await foreach (var _ in client.Actions.ListAllAsync(actionPlanUuid: plan))
        {
            count++;
        }
        Assert.Equal(5, count);
        Assert.Equal($"/v1/actions?action_plan_uuid={plan}", Assert.Single(server.Requests).PathAndQuery);
    }

    /// <summary>Every all-pages method of every resource client on <see cref="IWatcherClient"/>, found by reflection (<c>Goals.ListAllAsync</c>).</summary>
    public static TheoryData<string> AllPagesMethods() =>
        new(typeof(IWatcherClient).GetProperties().SelectMany(p => p.PropertyType.GetMethods()
            .Where(m => m.ReturnType.IsGenericType && m.ReturnType.GetGenericTypeDefinition() == typeof(Pageable<>))
            .Select(m => $"{p.Name}.{m.Name}")));

    /// <summary>
    /// A fake Watcher list of any collection (the path's second segment, as Watcher names its bodies' lists): five items
    /// with a UUID and an integer id, paged by a UUID or an id marker, with <c>next</c> only on a full page.
    /// </summary>
    private static FakeResponse AnyPage(RecordedRequest r)
    {
        var collection = r.Path.Split('/')[2];
        var query = HttpUtility.ParseQueryString(r.QueryString);
        var limit = int.Parse(query["limit"] ?? "1000");
        var start = query["marker"] is not { } m ? 0 : int.TryParse(m, out var id) ? id : Array.IndexOf(Uuids, m) + 1;
        var items = Enumerable.Range(start, Math.Max(0, Math.Min(limit, Uuids.Length - start))).ToList();
        var json = string.Join(", ", items.Select(i => $$"""{"uuid": "{{Uuids[i]}}", "id": {{i + 1}}, "name": "n{{i + 1}}", "state": "PENDING"}"""));
        var next = items.Count == limit ? $", \"next\": \"http://elsewhere:9322/v1/{collection}?limit={limit}&marker=x\"" : "";
        return Fake.Json($$"""{"{{collection}}": [{{json}}]{{next}}}""");
    }

    [Theory]
    [MemberData(nameof(AllPagesMethods))]
    public async Task Every_list_has_a_walker(string name)
    {
        await using var server = await FakeServer.StartAsync(AnyPage);
        using var client = Fake.Client(server);
        var resource = typeof(IWatcherClient).GetProperty(name.Split('.')[0])!.GetValue(client)!;
        var method = resource.GetType().GetMethods().Single(m => m.Name == name.Split('.')[1]);
        var arguments = method.GetParameters()
            .Select(p => p.HasDefaultValue ? p.DefaultValue : p.ParameterType == typeof(string) ? "x" : Activator.CreateInstance(p.ParameterType))
            .ToArray();
        var list = method.Invoke(resource, arguments)!;
        var count = typeof(PagingTests).GetMethod(nameof(Count), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(method.ReturnType.GetGenericArguments()[0]);

        Assert.Equal(5, await (Task<int>)count.Invoke(null, [list, 2])!);
        // Three pages of 2, 2 and 1; the third starts after the fourth item, by the list's own cursor (UUID or id).
        Assert.Equal(3, server.Requests.Count);
        var marker = HttpUtility.ParseQueryString(server.Requests[2].QueryString)["marker"];
        Assert.Contains(marker, new[] { Uuids[3], "4" });
    }

    [Fact]
    public async Task A_continuation_token_resumes_after_its_page_with_the_callers_filters()
    {
        await using var server = await FakeServer.StartAsync(r => Page(r, "audit_templates"));
        using var client = Fake.Client(server);
        string? token = null;
        await foreach (var page in client.AuditTemplates.ListAllAsync(goal: "dummy").AsPages(pageSizeHint: 2))
        {
            Assert.Equal(["n1", "n2"], page.Values.Select(t => t.Name));
            token = page.ContinuationToken;
            break;
        }
        Assert.NotNull(token);
        Assert.DoesNotContain(Uuids[1], token, StringComparison.Ordinal); // opaque

        var rest = new List<string?>();
        await foreach (var page in client.AuditTemplates.ListAllAsync(goal: "dummy").AsPages(token, pageSizeHint: 2))
        {
            rest.AddRange(page.Values.Select(t => t.Name));
        }
        Assert.Equal(["n3", "n4", "n5"], rest);
        Assert.Equal($"/v1/audit_templates?goal=dummy&limit=2&marker={Uuids[1]}", server.Requests[1].PathAndQuery);
    }

    [Fact]
    public async Task A_token_of_another_list_or_other_filters_is_refused_before_anything_is_sent()
    {
        await using var server = await FakeServer.StartAsync(r => Page(r, "audit_templates"));
        using var client = Fake.Client(server);
        string? token = null;
        await foreach (var page in client.AuditTemplates.ListAllAsync(goal: "dummy").AsPages(pageSizeHint: 1))
        {
            token = page.ContinuationToken;
            break;
        }
        var sent = server.Requests.Count;

        var other = Assert.Throws<ArgumentException>(() => client.AuditTemplates.ListAllAsync(goal: "other").AsPages(token));
        Assert.Contains("another list", other.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => client.Goals.ListAllAsync().AsPages(token));
        Assert.Throws<ArgumentException>(() => client.Goals.ListAllAsync().AsPages("not a token!"));
        Assert.Throws<ArgumentOutOfRangeException>(() => client.Goals.ListAllAsync().AsPages(pageSizeHint: 0));
        Assert.Equal(sent, server.Requests.Count);
    }

    [Fact]
    public async Task A_cap_across_pages_asks_only_for_what_is_left_and_its_token_resumes_after_the_last_item()
    {
        await using var server = await FakeServer.StartAsync(r => Page(r, "goals"));
        using var client = Fake.Client(server);
        var pages = new List<Page<Goal>>();
        await foreach (var page in client.Goals.ListAllAsync().WithMaxItems(3).AsPages(pageSizeHint: 2))
        {
            pages.Add(page);
        }
        Assert.Equal(["n1", "n2", "n3"], pages.SelectMany(p => p.Values).Select(g => g.Name));
        Assert.Equal(["/v1/goals?limit=2", $"/v1/goals?limit=1&marker={Uuids[1]}"], server.Requests.Select(r => r.PathAndQuery));

        var rest = new List<string>();
        await foreach (var goal in client.Goals.ListAllAsync().AsPages(pages[^1].ContinuationToken).SelectMany(p => p.Values.ToAsyncEnumerable()))
        {
            rest.Add(goal.Name);
        }
        Assert.Equal(["n4", "n5"], rest);
        Assert.Equal($"/v1/goals?marker={Uuids[2]}", server.Requests[2].PathAndQuery);

        var capped = new List<Goal>();
        await foreach (var goal in client.Goals.ListAllAsync().WithMaxItems(4))
        {
            capped.Add(goal);
        }
        Assert.Equal(4, capped.Count);
        Assert.Equal("/v1/goals?limit=4", server.Requests[^1].PathAndQuery);
    }

    [Fact]
    public async Task The_walk_can_be_cancelled()
    {
        await using var server = await FakeServer.StartAsync(r => Page(r, "goals"));
        using var client = Fake.Client(server);
        using var cts = new CancellationTokenSource();
        var seen = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in client.Goals.ListAllAsync(cancellationToken: cts.Token).AsPages(pageSizeHint: 1).SelectMany(p => p.Values.ToAsyncEnumerable()))
            {
                if (++seen == 2)
                {
                    cts.Cancel();
                }
            }
        });
        Assert.Equal(2, seen);
    }

    private static async Task<int> Count<T>(Pageable<T> items, int pageSize)
    {
        var n = 0;
        await foreach (var page in items.AsPages(pageSizeHint: pageSize))
        {
            n += page.Values.Count;
        }
        return n;
    }
}
