namespace OpenStack;

/// <summary>
/// What a service client tells the core about its service: the catalog type it is registered
/// under and the version segment that its spec's paths already carry (so that a catalog URL
/// ending in that segment, or not, resolves to the same service root).
/// </summary>
/// <param name="ServiceType">The catalog service type, for example <c>monitoring</c> or <c>infra-optim</c>.</param>
/// <param name="VersionSegment">The version path segment the spec's paths start with, for example <c>v2.0</c> or <c>v1</c>.</param>
public sealed record OpenStackService(string ServiceType, string VersionSegment);
