using OpenStack.Monasca;

namespace OpenStack.Cli.Monasca;

internal static partial class MonascaCli
{
    private static IEnumerable<Command> NotificationCommands(MonascaApp app)
    {
        {
            var (cmd, json) = MonascaApp.Command("notification-create", "Create a notification method.");
            var name = new Argument<string>("NAME") { Description = "Name of the notification method." };
            var type = new Argument<string>("TYPE") { Description = "The notification type (see notification-type-list), for example EMAIL, WEBHOOK, PAGERDUTY." };
            var address = new Argument<string>("ADDRESS") { Description = "An email address, URL or service key." };
            var period = new Option<int?>("--period") { Description = "Seconds between repeated notifications (sent only when not 0)." };
            cmd.Arguments.Add(name);
            cmd.Arguments.Add(type);
            cmd.Arguments.Add(address);
            cmd.Options.Add(period);
            cmd.SetAction((r, ct) => app.RunAsync(r, async (c, ct2) =>
            {
                var body = new NotificationMethodCreate { Name = r.GetValue(name)!, Type = r.GetValue(type)!, Address = r.GetValue(address)! };
                if (r.GetValue(period) is { } p and not 0)
                {
                    body.Period = p;
                }
                var created = await c.NotificationMethods.CreateAsync(body, ct2).ConfigureAwait(false);
                app.WriteJson(Formatter.ToJson(created));
            }, ct));
            yield return cmd;
        }
        {
            var (cmd, json) = MonascaApp.Command("notification-list", "List notification methods for this tenant.");
            var sortBy = new Option<string?>("--sort-by") { Description = "Fields to sort by, comma separated, each optionally followed by asc or desc (for example 'name asc,id')." };
            var offset = Offset();
            var limit = Limit();
            cmd.Options.Add(sortBy);
            cmd.Options.Add(offset);
            cmd.Options.Add(limit);
            cmd.SetAction((r, ct) => app.RunAsync(r, async (c, ct2) =>
            {
                var sort = MonascaApp.Csv(r.GetValue(sortBy));
                var items = MonascaApp.WalkAll(r.GetValue(limit))
                    ? await MonascaApp.All(c.NotificationMethods.ListAllAsync(sortBy: sort, cancellationToken: ct2), ct2).ConfigureAwait(false)
                    : MonascaApp.Elements((await c.NotificationMethods.ListAsync(sortBy: sort, offset: r.GetValue(offset), limit: r.GetValue(limit), cancellationToken: ct2).ConfigureAwait(false)).Elements);
                app.WriteList(r, json, [new("name", "name"), new("id", "id"), new("type", "type"), new("address", "address"), new("period", "period")], items);
            }, ct));
            yield return cmd;
        }
        yield return ShowCommand(app, "notification-show", "Describe the notification method.", "ID", "The ID of the notification.",
            (c, id, ct) => c.NotificationMethods.GetAsync(id, ct));
        {
            var (cmd, _) = MonascaApp.Command("notification-update", "Update notification method (every field).");
            var id = new Argument<string>("ID") { Description = "The ID of the notification." };
            var name = new Argument<string>("NAME") { Description = "Name of the notification method." };
            var type = new Argument<string>("TYPE") { Description = "The notification type." };
            var address = new Argument<string>("ADDRESS") { Description = "An email address, URL or service key." };
            var period = new Argument<int>("PERIOD") { Description = "Seconds between repeated notifications (0: none)." };
            foreach (var a in new Argument[] { id, name, type, address, period })
            {
                cmd.Arguments.Add(a);
            }
            cmd.SetAction((r, ct) => app.RunAsync(r, async (c, ct2) =>
            {
                var body = new NotificationMethodUpdate { Name = r.GetValue(name)!, Type = r.GetValue(type)!, Address = r.GetValue(address)!, Period = r.GetValue(period) };
                app.WriteJson(Formatter.ToJson(await c.NotificationMethods.UpdateAsync(body, r.GetValue(id)!, ct2).ConfigureAwait(false)));
            }, ct));
            yield return cmd;
        }
        {
            var (cmd, _) = MonascaApp.Command("notification-patch", "Patch notification method (only the fields given).");
            var id = new Argument<string>("ID") { Description = "The ID of the notification." };
            var name = new Option<string?>("--name") { Description = "Name of the notification method." };
            var type = new Option<string?>("--type") { Description = "The notification type." };
            var address = new Option<string?>("--address") { Description = "An email address, URL or service key." };
            var period = new Option<int?>("--period") { Description = "Seconds between repeated notifications (0 is sent)." };
            cmd.Arguments.Add(id);
            foreach (var o in new Option[] { name, type, address, period })
            {
                cmd.Options.Add(o);
            }
            cmd.SetAction((r, ct) => app.RunAsync(r, async (c, ct2) =>
            {
                var body = new NotificationMethodPatch { Name = r.GetValue(name), Type = r.GetValue(type), Address = r.GetValue(address), Period = r.GetValue(period) };
                app.WriteJson(Formatter.ToJson(await c.NotificationMethods.PatchAsync(body, r.GetValue(id)!, ct2).ConfigureAwait(false)));
            }, ct));
            yield return cmd;
        }
        yield return DeleteCommand(app, "notification-delete", "Delete notification method.", "ID", "The ID of the notification.",
            (c, id, ct) => c.NotificationMethods.DeleteAsync(id, ct), "Successfully deleted notification");
        {
            var (cmd, json) = MonascaApp.Command("notification-type-list", "List notification types supported by Monasca.");
            cmd.SetAction((r, ct) => app.RunAsync(r, async (c, ct2) =>
            {
                var items = MonascaApp.Elements((await c.NotificationTypes.ListAsync(ct2).ConfigureAwait(false)).Elements);
                app.WriteList(r, json, [new("types", "type")], items);
            }, ct));
            yield return cmd;
        }
    }
}
