namespace OpenStack.Monasca;

public partial class AlarmUpdate
{
    // The real server answers 500 to a state that is not ALARM, OK or UNDETERMINED in upper case, and 422 "Field 'link' is
    // required" to an empty lifecycle_state or link in a PUT (real-server notes 4 and 21): refused before sending.
    [System.Runtime.Serialization.OnSerializing]
    internal void CheckState(System.Runtime.Serialization.StreamingContext context)
    {
        AlarmBodies.RequireState(State);
        AlarmBodies.RequireNotEmpty("lifecycle_state", LifecycleState);
        AlarmBodies.RequireNotEmpty("link", Link);
    }
}

public partial class AlarmPatch
{
    // As for AlarmUpdate. A null typed field is left out of the body; an explicit null among the additional properties
    // would be sent, and the server answers 500 to it (real-server note 4): refused before sending.
    [System.Runtime.Serialization.OnSerializing]
    internal void CheckState(System.Runtime.Serialization.StreamingContext context)
    {
        AlarmBodies.RequireState(State);
        foreach (var (name, value) in AdditionalProperties)
        {
            if (value is null || value is Newtonsoft.Json.Linq.JValue { Type: Newtonsoft.Json.Linq.JTokenType.Null })
            {
                throw new ArgumentException(
                    $"The alarm field '{name}' cannot be sent as null: Monasca answers 500 to a null field in a PATCH; leave the field out to keep its value.",
                    "body");
            }
        }
    }
}

internal static class AlarmBodies
{
    public static void RequireNotEmpty(string field, string? value)
    {
        if (value is { Length: 0 })
        {
            throw new ArgumentException(
                $"The alarm field '{field}' cannot be sent empty in a PUT: Monasca counts an empty value as missing (422 \"Field '{field}' is required\"); give a value, or PATCH the other fields.",
                "body");
        }
    }

    public static void RequireState(string? state)
    {
        if (state is not (null or AlarmState.Alarm or AlarmState.Ok or AlarmState.Undetermined))
        {
            throw new ArgumentException(
                $"The alarm state '{state}' cannot be sent: Monasca takes ALARM, OK or UNDETERMINED, in upper case, in alarm bodies (it answers 500 to anything else).",
                "body");
        }
    }
}
