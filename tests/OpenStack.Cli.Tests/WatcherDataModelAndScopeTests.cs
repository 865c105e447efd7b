using Newtonsoft.Json.Linq;
using OpenStack.Testing;

namespace OpenStack.Cli.Tests;

/// <summary><c>watcher datamodel list</c> and <c>audittemplate create --scope</c> files.</summary>
public sealed class WatcherDataModelAndScopeTests
{
    private const string Model = """
        {"context": [
          {"server_uuid": "1bf91464-9b41-428d-a11e-af691e5563bb", "server_name": "fake-name", "server_vcpus": "1", "server_memory": "512",
           "server_disk": "1", "server_state": "active", "node_uuid": "253e5dd0-9384-41ab-af13-4f2c2ce26112",
           "node_hostname": "localhost.localdomain", "node_vcpus": "4", "node_vcpu_ratio": "16.5", "node_memory": "16383",
           "node_memory_ratio": "1.5", "node_disk": "37", "node_disk_ratio": "1.0", "node_state": "up"},
          {"node_uuid": "8a1b2c3d-0000-4000-8000-000000000001", "node_hostname": "empty-node", "node_vcpus": 8, "node_state": "up"}
        ]}
        """;

    [Fact]
    public async Task Datamodel_list_gets_the_compute_model_and_prints_the_short_columns()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(200, Model));

        var result = await CliRunner.WatcherAsync(server, "datamodel", "list");

        Assert.Equal(0, result.ExitCode);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/v1/data_model", request.Path.TrimEnd('/'));
        var query = System.Web.HttpUtility.ParseQueryString(request.QueryString);
        Assert.Equal("compute", query["data_model_type"]);
        Assert.Null(query["audit_uuid"]);
        Assert.Equal("infra-optim 1.4", request.Header("OpenStack-API-Version"));
        Assert.Equal("""
            +--------------------------------------+-------------+--------------+--------------------------------------+-----------------------+
            | Server UUID                          | Server Name | Server State | Node UUID                            | Node Host Name        |
            +--------------------------------------+-------------+--------------+--------------------------------------+-----------------------+
            | 1bf91464-9b41-428d-a11e-af691e5563bb | fake-name   | active       | 253e5dd0-9384-41ab-af13-4f2c2ce26112 | localhost.localdomain |
            | None                                 | None        | None         | 8a1b2c3d-0000-4000-8000-000000000001 | empty-node            |
            +--------------------------------------+-------------+--------------+--------------------------------------+-----------------------+

            """.ReplaceLineEndings("\n"), result.Stdout);
    }

    [Fact]
    public async Task Datamodel_list_detail_json_has_python_labels_and_sends_type_and_audit()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(200, Model));

        var result = await CliRunner.WatcherAsync(server, "datamodel", "list", "--detail", "--type", "compute",
            "--audit", "c262db91-30ca-4207-9cba-6b4ca7a5624a", "-f", "json");

        Assert.Equal(0, result.ExitCode);
        var query = System.Web.HttpUtility.ParseQueryString(Assert.Single(server.Requests).QueryString);
        Assert.Equal("compute", query["data_model_type"]);
        Assert.Equal("c262db91-30ca-4207-9cba-6b4ca7a5624a", query["audit_uuid"]);
        var rows = JArray.Parse(result.Stdout);
        Assert.Equal(2, rows.Count);
        var first = (JObject)rows[0];
        Assert.Equal(
            ["Server_UUID", "Server Name", "Server Vcpus", "Server Memory", "Server Disk", "Server State", "Node UUID", "Node Host Name",
             "Node Vcpus", "Node Vcpu Ratio", "Node Memory", "Node Memory Ratio", "Node Disk", "Node Disk Ratio", "Node State"],
            first.Properties().Select(p => p.Name).ToArray());
        Assert.Equal("fake-name", (string?)first["Server Name"]);
        Assert.Equal(512, (double)first["Server Memory"]!);
        Assert.Equal(16.5, (double)first["Node Vcpu Ratio"]!);
        Assert.Equal(JTokenType.Null, rows[1]["Server_UUID"]!.Type);
        Assert.Equal("empty-node", (string?)rows[1]["Node Host Name"]);
    }

    [Fact]
    public async Task Datamodel_list_value_format_and_column_selection()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(200, Model));

        var result = await CliRunner.WatcherAsync(server, "datamodel", "list", "--detail", "-f", "value", "-c", "Node Host Name", "-c", "Node Vcpus");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("localhost.localdomain 4\nempty-node 8\n", result.Stdout);
    }

    [Fact]
    public async Task Datamodel_list_rejects_an_unknown_type_without_a_request()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(200, Model));

        var result = await CliRunner.WatcherAsync(server, "datamodel", "list", "--type", "network");

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Datamodel_list_reports_the_server_404_for_storage()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(404,
            """{"error_message": "{\"faultcode\": \"Client\", \"faultstring\": \"The storage data model could not be found\", \"debuginfo\": null}"}"""));

        var result = await CliRunner.WatcherAsync(server, "datamodel", "list", "--type", "storage");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("storage", System.Web.HttpUtility.ParseQueryString(Assert.Single(server.Requests).QueryString)["data_model_type"]);
        Assert.Contains("The storage data model could not be found", result.Stderr);
    }

    [Fact]
    public async Task Datamodel_list_needs_microversion_1_3()
    {
        await using var server = await FakeServer.StartAsync(_ => new FakeResponse(200, Model));

        var result = await CliRunner.RunAsync(new Dictionary<string, string?>(),
            "watcher", "--os-auth-token", CliRunner.Token, "--os-endpoint-override", server.BaseAddress + "v1",
            "--os-infra-optim-api-version", "1.2", "--max-retries", "0", "datamodel", "list");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("1.3", result.Stderr);
        Assert.Empty(server.Requests);
    }

    // ---- audittemplate create --scope ------------------------------------------------------------------------------

    private static Func<RecordedRequest, FakeResponse> TemplateServer() => req => (req.Method, req.Path) switch
    {
        ("GET", "/v1/goals/dummy") => new FakeResponse(200, """{"uuid": "736c9587-5f75-4808-af50-8950237e9a6f", "name": "dummy"}"""),
        ("POST", "/v1/audit_templates") => new FakeResponse(201, """{"uuid": "4f06db61-875c-450d-a04f-e581ef4a3fea", "name": "t1", "goal_name": "dummy", "strategy_name": null}"""),
        _ => new FakeResponse(500, "{}"),
    };

    private static async Task<(CliResult Result, FakeServer Server)> CreateWithScopeAsync(string scopeText)
    {
        var path = Path.Combine(Path.GetTempPath(), "scope-" + Guid.NewGuid().ToString("N") + ".yaml");
        await File.WriteAllTextAsync(path, scopeText);
        var server = await FakeServer.StartAsync(TemplateServer());
        try
        {
            var result = await CliRunner.WatcherAsync(server, "audittemplate", "create", "t1", "dummy", "--scope", path, "-f", "json");
            return (result, server);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static JToken PostedScope(FakeServer server) =>
        JObject.Parse(server.Requests.Single(r => r.Method == "POST").Body)["scope"]!;

    [Fact]
    public async Task Scope_file_in_json_is_sent_as_is()
    {
        var (result, server) = await CreateWithScopeAsync("""
            [{"compute": [{"host_aggregates": [{"id": 1}, {"name": "*"}]}, {"exclude": [{"instances": [{"uuid": "u1"}]}]}]}]
            """);
        await using var _ = server;

        Assert.Equal(0, result.ExitCode);
        Assert.True(JToken.DeepEquals(
            JToken.Parse("""[{"compute": [{"host_aggregates": [{"id": 1}, {"name": "*"}]}, {"exclude": [{"instances": [{"uuid": "u1"}]}]}]}]"""),
            PostedScope(server)));
    }

    [Fact]
    public async Task Scope_file_in_yaml_flow_style_that_is_json_compatible_is_read()
    {
        var (result, server) = await CreateWithScopeAsync("[{compute: [{host_aggregates: [{id: 1}]}, {availability_zones: [{name: 'AZ1'}]}]}]\n");
        await using var _ = server;

        Assert.Equal(0, result.ExitCode);
        Assert.True(JToken.DeepEquals(
            JToken.Parse("""[{"compute": [{"host_aggregates": [{"id": 1}]}, {"availability_zones": [{"name": "AZ1"}]}]}]"""),
            PostedScope(server)));
        Assert.Equal(JTokenType.Integer, PostedScope(server)[0]!["compute"]![0]!["host_aggregates"]![0]!["id"]!.Type);
    }

    [Fact]
    public async Task Scope_file_in_block_yaml_is_read_with_typed_scalars_as_python_reads_it()
    {
        var (result, server) = await CreateWithScopeAsync("""
            - compute:
              - host_aggregates:
                - id: 1
                - name: '*'
              - availability_zones:
                - name: AZ1
            """);
        await using var _ = server;

        Assert.Equal(0, result.ExitCode);
        Assert.True(JToken.DeepEquals(
            JToken.Parse("""[{"compute": [{"host_aggregates": [{"id": 1}, {"name": "*"}]}, {"availability_zones": [{"name": "AZ1"}]}]}]"""),
            PostedScope(server)));
        Assert.Equal(JTokenType.Integer, PostedScope(server)[0]!["compute"]![0]!["host_aggregates"]![0]!["id"]!.Type);
    }

    [Fact]
    public async Task Scope_file_that_is_not_yaml_gives_a_clear_error_before_any_request()
    {
        var (result, server) = await CreateWithScopeAsync("- compute: [{host_aggregates: [{id: 1}\n");
        await using var _ = server;

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("is not YAML or JSON", result.Stderr);
        Assert.Contains("line", result.Stderr);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Scope_file_must_hold_a_list()
    {
        var (result, server) = await CreateWithScopeAsync("""{"compute": []}""");
        await using var _ = server;

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("must hold a list", result.Stderr);
        Assert.Empty(server.Requests);
    }
}
