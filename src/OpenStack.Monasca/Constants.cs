namespace OpenStack.Monasca;

public static partial class AlarmSeverity
{
    /// <summary>A <c>severity</c> query value matching any of <paramref name="severities"/> (<c>LOW|HIGH</c>).</summary>
    /// <param name="severities">The severities.</param>
    public static string AnyOf(params string[] severities) => string.Join('|', severities);
}
