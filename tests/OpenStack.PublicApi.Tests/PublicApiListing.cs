using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;

namespace OpenStack.PublicApi.Tests;

/// <summary>
/// Renders the public (and protected, where a type can be derived from) surface of an assembly as a stable, sorted text
/// listing: one line per type and per member, with C# type names, nullability, parameter defaults and accessors.
/// </summary>
public static class PublicApiListing
{
    private static readonly NullabilityInfoContext Nullability = new();

    public static string Render(Assembly assembly)
    {
        var sb = new StringBuilder();
        sb.Append("// Public API of ").Append(assembly.GetName().Name).Append('\n');
        sb.Append("// Checked by tests/OpenStack.PublicApi.Tests. After an intended change of the surface, regenerate with:\n");
        sb.Append("//   UPDATE_PUBLIC_API=1 dotnet test tests/OpenStack.PublicApi.Tests\n");
        foreach (var group in assembly.GetExportedTypes().Where(t => !t.IsNested).GroupBy(t => t.Namespace ?? "").OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            sb.Append('\n').Append("namespace ").Append(group.Key).Append('\n');
            foreach (var type in group.OrderBy(t => t.Name, StringComparer.Ordinal))
            {
                RenderType(sb, type, "  ");
            }
        }
        return sb.ToString();
    }

    private static void RenderType(StringBuilder sb, Type type, string indent)
    {
        sb.Append(indent).Append(TypeHeader(type)).Append('\n');
        var inner = indent + "  ";
        var lines = new List<(int Rank, string Name, string Text)>();
        const BindingFlags flags = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        if (type.IsEnum)
        {
            foreach (var f in type.GetFields(BindingFlags.Public | BindingFlags.Static).OrderBy(f => f.MetadataToken))
            {
                lines.Add((0, "", $"{f.Name} = {Convert.ToString(f.GetRawConstantValue(), CultureInfo.InvariantCulture)}"));
            }
            foreach (var line in lines)
            {
                sb.Append(inner).Append(line.Text).Append('\n');
            }
            return;
        }
        foreach (var c in type.GetConstructors(flags).Where(Visible))
        {
            lines.Add((0, "", $"{Access(c)}ctor({Parameters(c)})"));
        }
        foreach (var f in type.GetFields(flags).Where(f => Visible(f) && !f.IsSpecialName))
        {
            var mods = f.IsLiteral ? "const " : (f.IsStatic ? "static " : "") + (f.IsInitOnly ? "readonly " : "");
            var value = f.IsLiteral ? " = " + Literal(f.GetRawConstantValue(), f.FieldType) : "";
            lines.Add((1, f.Name, $"{Access(f)}{mods}field {TypeName(f.FieldType, Nullability.Create(f))} {f.Name}{value}"));
        }
        foreach (var p in type.GetProperties(flags))
        {
            var get = p.GetMethod is { } g && Visible(g) ? g : null;
            var set = p.SetMethod is { } s && Visible(s) ? s : null;
            if (get is null && set is null)
            {
                continue;
            }
            var any = (get ?? set)!;
            var accessors = (get is null ? "" : "get; ") + (set is null ? "" : (IsInit(set) ? "init; " : "set; "));
            var index = p.GetIndexParameters() is { Length: > 0 } ip ? "[" + string.Join(", ", ip.Select(Parameter)) + "]" : "";
            lines.Add((2, p.Name, $"{Access(any)}{Modifiers(any, type)}property {TypeName(p.PropertyType, Nullability.Create(p))} {p.Name}{index} {{ {accessors}}}"));
        }
        foreach (var e in type.GetEvents(flags).Where(e => e.AddMethod is { } a && Visible(a)))
        {
            lines.Add((3, e.Name, $"{Access(e.AddMethod!)}{Modifiers(e.AddMethod!, type)}event {TypeName(e.EventHandlerType!, Nullability.Create(e))} {e.Name}"));
        }
        foreach (var m in type.GetMethods(flags).Where(m => Visible(m) && (!m.IsSpecialName || m.Name.StartsWith("op_", StringComparison.Ordinal)) && !m.Name.Contains('<')))
        {
            var generic = m.IsGenericMethodDefinition ? "<" + string.Join(", ", m.GetGenericArguments().Select(a => a.Name)) + ">" : "";
            var ext = m.IsDefined(typeof(ExtensionAttribute), false) ? "this " : "";
            lines.Add((4, m.Name, $"{Access(m)}{Modifiers(m, type)}method {TypeName(m.ReturnType, Nullability.Create(m.ReturnParameter))} {m.Name}{generic}({ext}{Parameters(m)})"));
        }
        foreach (var line in lines.OrderBy(l => l.Rank).ThenBy(l => l.Name, StringComparer.Ordinal).ThenBy(l => l.Text, StringComparer.Ordinal))
        {
            sb.Append(inner).Append(line.Text).Append('\n');
        }
        foreach (var nested in type.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic).Where(n => n.IsNestedPublic || (n.IsNestedFamily && !type.IsSealed)).OrderBy(n => n.Name, StringComparer.Ordinal))
        {
            RenderType(sb, nested, inner);
        }
    }

    private static string TypeHeader(Type type)
    {
        string kind;
        if (type.IsInterface)
        {
            kind = "interface";
        }
        else if (type.IsEnum)
        {
            kind = "enum";
        }
        else if (type.IsValueType)
        {
            kind = (type.IsDefined(typeof(IsReadOnlyAttribute), false) ? "readonly " : "") + "struct";
        }
        else if (typeof(Delegate).IsAssignableFrom(type))
        {
            kind = "delegate";
        }
        else
        {
            kind = (type.IsAbstract && type.IsSealed ? "static " : type.IsAbstract ? "abstract " : type.IsSealed ? "sealed " : "") + "class";
        }
        var access = type.IsNestedFamily ? "protected " : "public ";
        var bases = new List<string>();
        if (type.BaseType is { } b && b != typeof(object) && b != typeof(ValueType) && b != typeof(Enum) && b != typeof(MulticastDelegate))
        {
            bases.Add(TypeName(b, null));
        }
        var inherited = type.BaseType?.GetInterfaces() ?? [];
        bases.AddRange(type.GetInterfaces().Where(i => !inherited.Contains(i) && (i.IsPublic || i.IsNestedPublic)).Select(i => TypeName(i, null)).OrderBy(n => n, StringComparer.Ordinal));
        var name = TypeName(type, null);
        if (type.Namespace is { Length: > 0 } ns && name.StartsWith(ns + ".", StringComparison.Ordinal))
        {
            name = name[(ns.Length + 1)..];
        }
        return $"{access}{kind} {name}{(bases.Count == 0 ? "" : " : " + string.Join(", ", bases))}";
    }

    private static bool Visible(MethodBase m) => m.IsPublic || ((m.IsFamily || m.IsFamilyOrAssembly) && !m.DeclaringType!.IsSealed);

    private static bool Visible(FieldInfo f) => f.IsPublic || ((f.IsFamily || f.IsFamilyOrAssembly) && !f.DeclaringType!.IsSealed);

    private static string Access(MethodBase m) => m.IsPublic ? "" : "protected ";

    private static string Access(FieldInfo f) => f.IsPublic ? "" : "protected ";

    private static string Modifiers(MethodInfo m, Type declaring)
    {
        if (declaring.IsInterface)
        {
            return m.IsStatic ? "static " : "";
        }
        if (m.IsStatic)
        {
            return "static ";
        }
        if (m.IsAbstract)
        {
            return "abstract ";
        }
        if (m.IsVirtual && !m.IsFinal)
        {
            return m.GetBaseDefinition().DeclaringType != m.DeclaringType ? "override " : "virtual ";
        }
        return m.IsVirtual && m.GetBaseDefinition().DeclaringType != m.DeclaringType ? "override " : "";
    }

    private static bool IsInit(MethodInfo setter) =>
        setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit));

    private static string Parameters(MethodBase m) => string.Join(", ", m.GetParameters().Select(Parameter));

    private static string Parameter(ParameterInfo p)
    {
        var type = p.ParameterType;
        var prefix = "";
        if (type.IsByRef)
        {
            type = type.GetElementType()!;
            prefix = p.IsOut ? "out " : p.IsIn ? "in " : "ref ";
        }
        if (p.IsDefined(typeof(ParamArrayAttribute), false))
        {
            prefix += "params ";
        }
        var text = $"{prefix}{TypeName(type, Nullability.Create(p))} {p.Name}";
        if (p.HasDefaultValue)
        {
            text += " = " + Literal(p.RawDefaultValue, type);
        }
        return text;
    }

    private static string Literal(object? value, Type type) => value switch
    {
        null => type.IsValueType && Nullable.GetUnderlyingType(type) is null ? "default" : "null",
        string s => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"",
        bool b => b ? "true" : "false",
        char c => $"'{c}'",
        _ when type.IsEnum || Nullable.GetUnderlyingType(type) is { IsEnum: true } => $"({TypeName(Nullable.GetUnderlyingType(type) ?? type, null)}){Convert.ToString(value, CultureInfo.InvariantCulture)}",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static readonly Dictionary<Type, string> Keywords = new()
    {
        [typeof(void)] = "void", [typeof(object)] = "object", [typeof(string)] = "string", [typeof(bool)] = "bool",
        [typeof(byte)] = "byte", [typeof(sbyte)] = "sbyte", [typeof(short)] = "short", [typeof(ushort)] = "ushort",
        [typeof(int)] = "int", [typeof(uint)] = "uint", [typeof(long)] = "long", [typeof(ulong)] = "ulong",
        [typeof(float)] = "float", [typeof(double)] = "double", [typeof(decimal)] = "decimal", [typeof(char)] = "char",
    };

    /// <summary>A C# name: keywords, generic arguments, arrays, <c>?</c> for nullable value and (annotated) reference types.</summary>
    public static string TypeName(Type type, NullabilityInfo? nullability)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return TypeName(underlying, null) + "?";
        }
        var suffix = !type.IsValueType && nullability?.ReadState == NullabilityState.Nullable ? "?" : "";
        if (type.IsArray)
        {
            return TypeName(type.GetElementType()!, nullability?.ElementType) + "[" + new string(',', type.GetArrayRank() - 1) + "]" + suffix;
        }
        if (type.IsGenericParameter)
        {
            return type.Name + suffix;
        }
        if (Keywords.TryGetValue(type, out var keyword))
        {
            return keyword + suffix;
        }
        var name = Qualified(type);
        if (type.IsGenericType)
        {
            var args = type.GetGenericArguments();
            var own = type.IsNested && type.DeclaringType!.IsGenericType ? args.Skip(type.DeclaringType.GetGenericArguments().Length).ToArray() : args;
            var argInfos = nullability?.GenericTypeArguments;
            var offset = args.Length - own.Length;
            var rendered = own.Select((a, i) => TypeName(a, argInfos is { } infos && infos.Length == args.Length ? infos[offset + i] : null));
            var tick = name.IndexOf('`', StringComparison.Ordinal);
            name = (tick < 0 ? name : name[..tick]) + (own.Length == 0 ? "" : "<" + string.Join(", ", rendered) + ">");
        }
        return name + suffix;
    }

    private static string Qualified(Type type)
    {
        if (type.IsNested)
        {
            return Qualified(type.DeclaringType!) + "." + type.Name;
        }
        // Types of the libraries' own namespaces and of System.* read better short; others keep their namespace.
        return type.Namespace is { } ns && (ns.StartsWith("System", StringComparison.Ordinal) || ns.StartsWith("OpenStack", StringComparison.Ordinal))
            ? type.Name
            : $"{type.Namespace}.{type.Name}";
    }
}
