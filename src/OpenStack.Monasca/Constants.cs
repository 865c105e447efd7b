namespace OpenStack.Monasca;

/// <summary>
/// Known alarm states. Alarm <c>state</c> fields are plain strings, so a value a server adds later still
/// parses; compare with these constants (the server answers in upper case and accepts any case).
/// </summary>
public static class AlarmState
{
    /// <summary>The alarm expression is false.</summary>
    public const string Ok = "OK";

    /// <summary>The alarm expression is true.</summary>
    public const string Alarm = "ALARM";

    /// <summary>Not enough data to evaluate the expression.</summary>
    public const string Undetermined = "UNDETERMINED";
}

/// <summary>Known alarm severities (plain strings; several can be OR-ed in a query with <see cref="AnyOf"/>).</summary>
public static class AlarmSeverity
{
    /// <summary>Low (the server's default).</summary>
    public const string Low = "LOW";

    /// <summary>Medium.</summary>
    public const string Medium = "MEDIUM";

    /// <summary>High.</summary>
    public const string High = "HIGH";

    /// <summary>Critical.</summary>
    public const string Critical = "CRITICAL";

    /// <summary>A <c>severity</c> query value matching any of <paramref name="severities"/> (<c>LOW|HIGH</c>).</summary>
    /// <param name="severities">The severities.</param>
    public static string AnyOf(params string[] severities) => string.Join('|', severities);
}

/// <summary>Notification method types every server knows; servers may offer more (see <see cref="INotificationTypesClient.ListAsync"/>).</summary>
public static class NotificationMethodType
{
    /// <summary>E-mail; the address is an e-mail address.</summary>
    public const string Email = "EMAIL";

    /// <summary>Web hook; the address is an http or https URL.</summary>
    public const string Webhook = "WEBHOOK";

    /// <summary>PagerDuty; the address is a service key.</summary>
    public const string PagerDuty = "PAGERDUTY";
}

/// <summary>The statistics <c>metrics.list_statistics</c> computes (the column names of its rows).</summary>
public static class Statistic
{
    /// <summary>Average.</summary>
    public const string Average = "avg";

    /// <summary>Minimum.</summary>
    public const string Minimum = "min";

    /// <summary>Maximum.</summary>
    public const string Maximum = "max";

    /// <summary>Number of measurements.</summary>
    public const string Count = "count";

    /// <summary>Sum.</summary>
    public const string Sum = "sum";
}
