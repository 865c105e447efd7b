// Program.cs of a new console app: dotnet new console, then dotnet add package OpenStack.Monasca and OpenStack.Watcher.
using OpenStack;
using OpenStack.Monasca;
using OpenStack.Watcher;

// The values of an openrc file (source .openstack/openrc for the local cloud of scripts/openstack-up.sh).
var options = new OpenStackClientOptions
{
    AuthUrl = Environment.GetEnvironmentVariable("OS_AUTH_URL"),          // http://127.0.0.1:5000/v3
    Username = Environment.GetEnvironmentVariable("OS_USERNAME"),         // admin
    Password = Environment.GetEnvironmentVariable("OS_PASSWORD"),         // admin-secret
    UserDomainName = Environment.GetEnvironmentVariable("OS_USER_DOMAIN_NAME"),
    ProjectName = Environment.GetEnvironmentVariable("OS_PROJECT_NAME"),
    ProjectDomainName = Environment.GetEnvironmentVariable("OS_PROJECT_DOMAIN_NAME"),
    RegionName = Environment.GetEnvironmentVariable("OS_REGION_NAME"),
};
using var session = new KeystoneSession(options); // one Keystone token, refreshed as needed, for every client

using var monasca = new MonascaClient(session);    // endpoint: the catalog's "monitoring" service
await foreach (var alarm in monasca.Alarms.ListAllAsync(state: AlarmState.Alarm))
{
    Console.WriteLine($"alarm {alarm.Id} {alarm.AlarmDefinition?.Name} {alarm.State}");
}

using var watcher = new WatcherClient(session);    // endpoint: the catalog's "infra-optim" service
var goals = await watcher.Goals.ListAsync();
foreach (var goal in goals.Goals)
{
    Console.WriteLine($"goal {goal.Name}: {goal.DisplayName}");
}
