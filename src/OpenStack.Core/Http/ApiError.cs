namespace OpenStack;

/// <summary>An error as a service's body states it, in the vocabulary of <see cref="OpenStackApiException"/>.</summary>
/// <param name="Title">The short title, when the body has one.</param>
/// <param name="Message">What the server said.</param>
/// <param name="Details">More detail (a traceback, a fault's details).</param>
/// <param name="Code">The service's own error code, as text.</param>
public sealed record ApiError(string? Title, string? Message, string? Details, string? Code)
{
    /// <summary>An error body that says nothing.</summary>
    public static ApiError None { get; } = new(null, null, null, null);
}
