using System.Runtime.CompilerServices;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace OpenStack;

/// <summary>
/// Keeps Json.NET's <c>Required</c> rules of the generated types without their per-object cost. Json.NET tracks the
/// presence of every property in a new dictionary for each object of a type that has one required property; this
/// resolver turns the rules into a bit per required property, set by the property's setter on a small per-thread stack
/// of frames (one per object being read), and checks the bits when the object is complete. The rules are the same:
/// a required property that is absent is an error, and one marked non-null (<c>Always</c>, <c>DisallowNull</c>) may not
/// be <c>null</c>, when read or written; the errors are <see cref="JsonSerializationException"/>s as before.
/// </summary>
internal sealed class RequiredPropertyResolver : DefaultContractResolver
{
    /// <summary>The one instance: contracts are cached per resolver, so every serializer of every service shares it.</summary>
    public static readonly RequiredPropertyResolver Instance = new();

    /// <inheritdoc />
    protected override JsonObjectContract CreateObjectContract(Type objectType)
    {
        var contract = base.CreateObjectContract(objectType);
        RefuseNullEntries(contract);
        var required = new List<JsonProperty>();
        foreach (var property in contract.Properties)
        {
            if (property.Required != Required.Default && !property.Ignored && property.Writable && property.ValueProvider is not null)
            {
                required.Add(property);
            }
        }
        if (required.Count is 0 or > 64 || contract.CreatorParameters.Count > 0)
        {
            return contract; // nothing to track, or a shape this scheme does not cover: Json.NET's own tracking
        }
        var shape = new Shape(objectType, required);
        for (var i = 0; i < required.Count; i++)
        {
            var property = required[i];
            property.ValueProvider = new MarkingValueProvider(property.ValueProvider!, i);
            property.Required = Required.Default;
            // A reused collection (an initialized property) is filled without its setter being called: replace it.
            property.ObjectCreationHandling = ObjectCreationHandling.Replace;
        }
        contract.OnDeserializingCallbacks.Add((o, _) => Frames.Push(o));
        contract.OnDeserializedCallbacks.Add((o, _) => shape.CheckRead(o, Frames.Pop(o)));
        contract.OnSerializingCallbacks.Add((o, _) => shape.CheckWrite(o));
        return contract;
    }

    /// <summary>
    /// A JSON <c>null</c> inside a list is refused (never a null entry in a collection of a non-nullable type): the read
    /// fails with a <see cref="JsonSerializationException"/> naming the property and the position, which the client
    /// turns into the service's exception. Lists of untyped values (<c>object</c>, <c>JToken</c>, positional cells) and
    /// of nullable value types keep their nulls.
    /// </summary>
    private static void RefuseNullEntries(JsonObjectContract contract)
    {
        List<JsonProperty>? lists = null;
        foreach (var property in contract.Properties)
        {
            if (!property.Ignored && property.Readable && property.ValueProvider is not null && ElementOf(property.PropertyType) is { } element
                && !element.IsValueType && element != typeof(object) && !typeof(Newtonsoft.Json.Linq.JToken).IsAssignableFrom(element))
            {
                (lists ??= []).Add(property);
            }
        }
        if (lists is null)
        {
            return;
        }
        var checkedLists = lists.ToArray();
        // First, so that the type's own [OnDeserialized] checks never see a null entry.
        contract.OnDeserializedCallbacks.Insert(0, (o, _) =>
        {
            foreach (var property in checkedLists)
            {
                if (property.ValueProvider!.GetValue(o) is System.Collections.IEnumerable items)
                {
                    var i = 0;
                    foreach (var item in items)
                    {
                        if (item is null)
                        {
                            throw new JsonSerializationException(
                                $"'{property.PropertyName}' holds null at position {i} where a {ElementOf(property.PropertyType)!.Name} was expected (type {contract.UnderlyingType.Name}).");
                        }
                        i++;
                    }
                }
            }
        });
    }

    private static Type? ElementOf(Type? type)
    {
        if (type is null || type == typeof(string) || !typeof(System.Collections.IEnumerable).IsAssignableFrom(type))
        {
            return null;
        }
        if (type.IsArray)
        {
            return type.GetElementType();
        }
        foreach (var candidate in type.IsInterface ? type.GetInterfaces().Append(type) : type.GetInterfaces())
        {
            if (candidate.IsGenericType && candidate.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            {
                var element = candidate.GetGenericArguments()[0];
                // A dictionary's entries are pairs: their values may be null.
                return element.IsGenericType && element.GetGenericTypeDefinition() == typeof(KeyValuePair<,>) ? null : element;
            }
        }
        return null;
    }

    /// <summary>The required properties of one type.</summary>
    private sealed class Shape(Type type, List<JsonProperty> properties)
    {
        private readonly JsonProperty[] _properties = [.. properties];
        private readonly Required[] _rules = [.. properties.Select(p => p.Required)];
        private readonly IValueProvider[] _getters = [.. properties.Select(p => p.ValueProvider!)];
        private readonly bool[] _nonNull = [.. properties.Select(p => p.Required is Required.Always or Required.DisallowNull && CanBeNull(p.PropertyType))];
        private readonly ulong _all = properties.Count == 64 ? ulong.MaxValue : (1UL << properties.Count) - 1;

        private static bool CanBeNull(Type? t) => t is null || !t.IsValueType || Nullable.GetUnderlyingType(t) is not null;

        public void CheckRead(object target, ulong seen)
        {
            if ((seen & _all) != _all)
            {
                for (var i = 0; i < _properties.Length; i++)
                {
                    if ((seen & (1UL << i)) == 0 && _rules[i] is Required.Always or Required.AllowNull)
                    {
                        throw new JsonSerializationException($"Required property '{_properties[i].PropertyName}' not found in JSON (type {type.Name}).");
                    }
                }
            }
            CheckNulls(target, "expects a non-null value");
        }

        public void CheckWrite(object target) => CheckNulls(target, "requires a value; cannot write null");

        private void CheckNulls(object target, string what)
        {
            for (var i = 0; i < _properties.Length; i++)
            {
                if (_nonNull[i] && _getters[i].GetValue(target) is null)
                {
                    throw new JsonSerializationException($"Required property '{_properties[i].PropertyName}' {what} (type {type.Name}).");
                }
            }
        }
    }

    /// <summary>A property's value provider that marks the property as seen on the frame of the object it sets.</summary>
    private sealed class MarkingValueProvider(IValueProvider inner, int index) : IValueProvider
    {
        public void SetValue(object target, object? value)
        {
            inner.SetValue(target, value);
            Frames.Mark(target, index);
        }

        public object? GetValue(object target) => inner.GetValue(target);
    }

    /// <summary>
    /// The objects being read on this thread, innermost last. Frames are matched by reference, so a read that failed
    /// half-way (its frames left behind) cannot confuse a later one; <see cref="Depth"/> lets an entry point drop them.
    /// </summary>
    internal static class Frames
    {
        [ThreadStatic] private static object?[]? t_objects;
        [ThreadStatic] private static ulong[]? t_seen;
        [ThreadStatic] private static int t_depth;

        /// <summary>How many frames are open on this thread; an entry point restores it after a read.</summary>
        public static int Depth
        {
            get => t_depth;
            set
            {
                if (value < t_depth && t_objects is { } objects)
                {
                    Array.Clear(objects, value, t_depth - value);
                }
                t_depth = value;
            }
        }

        public static void Push(object target)
        {
            var objects = t_objects ??= new object?[16];
            var seen = t_seen ??= new ulong[16];
            if (t_depth == objects.Length)
            {
                Array.Resize(ref objects, objects.Length * 2);
                Array.Resize(ref seen, seen.Length * 2);
                t_objects = objects;
                t_seen = seen;
            }
            objects[t_depth] = target;
            seen[t_depth] = 0;
            t_depth++;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Mark(object target, int index)
        {
            var i = Find(target);
            if (i >= 0)
            {
                t_seen![i] |= 1UL << index;
            }
        }

        /// <summary>Closes the target's frame (and any left open above it) and returns what it saw.</summary>
        public static ulong Pop(object target)
        {
            var i = Find(target);
            if (i < 0)
            {
                return ulong.MaxValue; // populated without a frame: presence was not tracked, only nulls are checked
            }
            var seen = t_seen![i];
            Depth = i;
            return seen;
        }

        private static int Find(object target)
        {
            var objects = t_objects;
            if (objects is null)
            {
                return -1;
            }
            for (var i = t_depth - 1; i >= 0; i--)
            {
                if (ReferenceEquals(objects[i], target))
                {
                    return i;
                }
            }
            return -1;
        }
    }
}
