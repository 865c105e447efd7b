using System.Reflection;
using System.Runtime.InteropServices;

namespace OpenStack.Pact.Native;

/// <summary>Pact specification versions as numbered by the Rust core (a <c>repr(C)</c> enum).</summary>
internal enum PactSpecification
{
    Unknown = 0,
    V1 = 1,
    V1_1 = 2,
    V2 = 3,
    V3 = 4,
    V4 = 5,
}

/// <summary>Which half of an HTTP interaction a header or body call applies to.</summary>
internal enum InteractionPart
{
    Request = 0,
    Response = 1,
}

/// <summary>
/// P/Invoke declarations for libpact_ffi 0.5.8 (npm @pact-foundation/pact-core-linux-x64-glibc 20.2.0).
/// The package ships no C header; the signatures follow pact-reference's <c>rust/pact_ffi</c> sources.
/// <c>PactHandle</c> is a transparent <c>u16</c>, <c>InteractionHandle</c> a transparent <c>u32</c>,
/// the verifier handle an opaque pointer. Rust <c>bool</c> is one byte, hence <c>MarshalAs(U1)</c>
/// on every bool; <c>c_uchar</c> flags are bytes.
/// </summary>
internal static partial class PactFfi
{
    private const string Lib = "pact_ffi";

    /// <summary>Environment variable naming the full path of libpact_ffi.so, overriding the copy next to the assembly.</summary>
    public const string LibraryPathVariable = "PACT_FFI_LIBRARY";

    static PactFfi()
    {
        // The Rust core sends anonymous usage metrics unless told not to.
        Environment.SetEnvironmentVariable("PACT_DO_NOT_TRACK", "true");
        NativeLibrary.SetDllImportResolver(typeof(PactFfi).Assembly, Resolve);
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != Lib)
        {
            return IntPtr.Zero;
        }
        var overridePath = Environment.GetEnvironmentVariable(LibraryPathVariable);
        if (!string.IsNullOrEmpty(overridePath))
        {
            return NativeLibrary.Load(overridePath);
        }
        var local = Path.Combine(AppContext.BaseDirectory, "libpact_ffi.so");
        if (File.Exists(local))
        {
            return NativeLibrary.Load(local);
        }
        throw new DllNotFoundException(
            $"libpact_ffi.so is not next to the test assembly ({AppContext.BaseDirectory}) and {LibraryPathVariable} is not set. " +
            "Run 'npm ci --prefix tests/pact-native' (scripts/prerequisites.sh does it) and rebuild the test project.");
    }

    // ---- misc ----
    [LibraryImport(Lib, EntryPoint = "pactffi_version")]
    private static partial IntPtr VersionPtr();

    /// <summary>The version of the native core (a static string: not freed).</summary>
    public static string Version() => Marshal.PtrToStringUTF8(VersionPtr()) ?? "?";

    [LibraryImport(Lib, EntryPoint = "pactffi_string_delete")]
    public static partial void StringDelete(IntPtr s);

    // ---- consumer side: the pact model ----
    [LibraryImport(Lib, EntryPoint = "pactffi_new_pact", StringMarshalling = StringMarshalling.Utf8)]
    public static partial ushort NewPact(string consumer, string provider);

    [LibraryImport(Lib, EntryPoint = "pactffi_with_specification")]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool WithSpecification(ushort pact, PactSpecification version);

    [LibraryImport(Lib, EntryPoint = "pactffi_free_pact_handle")]
    public static partial uint FreePactHandle(ushort pact);

    [LibraryImport(Lib, EntryPoint = "pactffi_new_interaction", StringMarshalling = StringMarshalling.Utf8)]
    public static partial uint NewInteraction(ushort pact, string description);

    [LibraryImport(Lib, EntryPoint = "pactffi_upon_receiving", StringMarshalling = StringMarshalling.Utf8)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool UponReceiving(uint interaction, string description);

    [LibraryImport(Lib, EntryPoint = "pactffi_given", StringMarshalling = StringMarshalling.Utf8)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool Given(uint interaction, string providerState);

    [LibraryImport(Lib, EntryPoint = "pactffi_given_with_param", StringMarshalling = StringMarshalling.Utf8)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool GivenWithParam(uint interaction, string providerState, string name, string value);

    /// <summary>path may be a plain path or integration JSON (a matcher or a provider-state generator).</summary>
    [LibraryImport(Lib, EntryPoint = "pactffi_with_request", StringMarshalling = StringMarshalling.Utf8)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool WithRequest(uint interaction, string method, string path);

    /// <summary>value may be a plain string or integration JSON with a matcher.</summary>
    [LibraryImport(Lib, EntryPoint = "pactffi_with_query_parameter_v2", StringMarshalling = StringMarshalling.Utf8)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool WithQueryParameter(uint interaction, string name, nuint index, string value);

    /// <summary>value may be a plain string or integration JSON with a matcher.</summary>
    [LibraryImport(Lib, EntryPoint = "pactffi_with_header_v2", StringMarshalling = StringMarshalling.Utf8)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool WithHeader(uint interaction, InteractionPart part, string name, nuint index, string value);

    /// <summary>body is JSON in which any value may be integration JSON (<c>{"pact:matcher:type": ..., "value": ...}</c>).</summary>
    [LibraryImport(Lib, EntryPoint = "pactffi_with_body", StringMarshalling = StringMarshalling.Utf8)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool WithBody(uint interaction, InteractionPart part, string contentType, string body);

    [LibraryImport(Lib, EntryPoint = "pactffi_response_status")]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool ResponseStatus(uint interaction, ushort status);

    // ---- consumer side: the mock server ----
    /// <returns>The bound port (&gt; 0); -1 bad handle, -2 bad transport config, -3 could not start, -4 panic, -5 bad address.</returns>
    [LibraryImport(Lib, EntryPoint = "pactffi_create_mock_server_for_transport", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int CreateMockServerForTransport(ushort pact, string address, ushort port, string transport, string? transportConfig);

    [LibraryImport(Lib, EntryPoint = "pactffi_mock_server_matched")]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool MockServerMatched(int port);

    [LibraryImport(Lib, EntryPoint = "pactffi_mock_server_mismatches")]
    private static partial IntPtr MockServerMismatchesPtr(int port);

    /// <summary>A JSON array of mismatches. The memory belongs to the mock server (freed by cleanup).</summary>
    public static string MockServerMismatches(int port) => Marshal.PtrToStringUTF8(MockServerMismatchesPtr(port)) ?? "[]";

    /// <returns>0 ok, 1 panic, 2 could not write, 3 no mock server on that port.</returns>
    [LibraryImport(Lib, EntryPoint = "pactffi_write_pact_file", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int WritePactFile(int port, string directory, [MarshalAs(UnmanagedType.U1)] bool overwrite);

    [LibraryImport(Lib, EntryPoint = "pactffi_cleanup_mock_server")]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool CleanupMockServer(int port);

    // ---- provider side: the verifier ----
    [LibraryImport(Lib, EntryPoint = "pactffi_verifier_new_for_application", StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr VerifierNewForApplication(string name, string version);

    [LibraryImport(Lib, EntryPoint = "pactffi_verifier_set_provider_info", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void VerifierSetProviderInfo(IntPtr handle, string name, string scheme, string host, ushort port, string path);

    /// <param name="handle">The verifier.</param>
    /// <param name="url">The state-change URL.</param>
    /// <param name="teardown">Non-zero: also call the URL with <c>action=teardown</c> after each interaction.</param>
    /// <param name="body">Non-zero: send the state as a JSON body (else as query parameters).</param>
    [LibraryImport(Lib, EntryPoint = "pactffi_verifier_set_provider_state", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void VerifierSetProviderState(IntPtr handle, string url, byte teardown, byte body);

    /// <summary>filterDescription and filterState are regular expressions; null means no filter.</summary>
    [LibraryImport(Lib, EntryPoint = "pactffi_verifier_set_filter_info", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void VerifierSetFilterInfo(IntPtr handle, string? filterDescription, string? filterState, byte filterNoState);

    [LibraryImport(Lib, EntryPoint = "pactffi_verifier_add_custom_header", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void VerifierAddCustomHeader(IntPtr handle, string name, string value);

    [LibraryImport(Lib, EntryPoint = "pactffi_verifier_add_file_source", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void VerifierAddFileSource(IntPtr handle, string file);

    /// <returns>0 ok, 1 bad handle.</returns>
    [LibraryImport(Lib, EntryPoint = "pactffi_verifier_set_no_pacts_is_error")]
    public static partial int VerifierSetNoPactsIsError(IntPtr handle, byte isError);

    /// <returns>0 ok, 1 bad handle.</returns>
    [LibraryImport(Lib, EntryPoint = "pactffi_verifier_set_verification_options")]
    public static partial int VerifierSetVerificationOptions(IntPtr handle, byte disableSslVerification, ulong requestTimeoutMs);

    [LibraryImport(Lib, EntryPoint = "pactffi_verifier_set_coloured_output")]
    public static partial int VerifierSetColouredOutput(IntPtr handle, byte coloured);

    /// <returns>0 all verified, 1 verification failed, 2 null handle or panic.</returns>
    [LibraryImport(Lib, EntryPoint = "pactffi_verifier_execute")]
    public static partial int VerifierExecute(IntPtr handle);

    [LibraryImport(Lib, EntryPoint = "pactffi_verifier_output")]
    private static partial IntPtr VerifierOutputPtr(IntPtr handle, byte stripAnsi);

    /// <summary>The verifier's console output (caller-owned string, freed here).</summary>
    public static string VerifierOutput(IntPtr handle) => TakeString(VerifierOutputPtr(handle, 1));

    [LibraryImport(Lib, EntryPoint = "pactffi_verifier_json")]
    private static partial IntPtr VerifierJsonPtr(IntPtr handle);

    /// <summary>The verification result as JSON (caller-owned string, freed here).</summary>
    public static string VerifierJson(IntPtr handle) => TakeString(VerifierJsonPtr(handle));

    [LibraryImport(Lib, EntryPoint = "pactffi_verifier_shutdown")]
    public static partial void VerifierShutdown(IntPtr handle);

    private static string TakeString(IntPtr p)
    {
        if (p == IntPtr.Zero)
        {
            return "";
        }
        try
        {
            return Marshal.PtrToStringUTF8(p) ?? "";
        }
        finally
        {
            StringDelete(p);
        }
    }
}
