using System.Reflection;
using System.Runtime.Loader;

namespace ShotVideo.PowerShell.Loading;

/// <summary>
/// The load context that holds ShotVideo.Core and its dependencies (Npgsql, Polly, Google.Apis.Auth, ... and the
/// newer System.Diagnostics.DiagnosticSource and friends they pull in), resolved from the module's <c>deps/</c> folder
/// through Core's deps.json.
/// </summary>
/// <remarks>
/// Why: pwsh 7.4 runs on .NET 8 and has already loaded its own, older copies of several of these assemblies into the
/// default context; loading ours there would fail or break PowerShell or other modules. Isolating them is the approach
/// PowerShell's documentation on dependency conflicts recommends. What the cmdlet assembly and Core exchange are Core's
/// own types and framework types; framework assemblies are not in deps.json, so they fall through to the default
/// context and stay shared.
/// </remarks>
internal sealed class PrivateLoadContext : AssemblyLoadContext
{
    internal const string CoreAssemblyName = "ShotVideo.Core";

    private const string JsonNetAssemblyName = "Newtonsoft.Json";

    private readonly AssemblyDependencyResolver _resolver;

    private PrivateLoadContext(string coreAssemblyPath)
        : base("ShotVideo")
    {
        _resolver = new AssemblyDependencyResolver(coreAssemblyPath);
    }

    internal static PrivateLoadContext Instance { get; } = new(LocateCore());

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        // Null falls back to the default context: that is how framework assemblies stay shared. Json.NET is shared
        // too (every pwsh 7.4+ carries 13.x): ConvertTo-Json honours the enum converter attribute on Core's enums only
        // when the attribute is PowerShell's own Json.NET type.
        if (assemblyName.Name == JsonNetAssemblyName)
        {
            return null;
        }

        return _resolver.ResolveAssemblyToPath(assemblyName) is { } path ? LoadFromAssemblyPath(path) : null;
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        return _resolver.ResolveUnmanagedDllToPath(unmanagedDllName) is { } path
            ? LoadUnmanagedDllFromPath(path)
            : IntPtr.Zero;
    }

    /// <summary>Answers the default context's request for Core (made when a cmdlet first touches a Core type).</summary>
    internal static Assembly? ResolveCoreForDefaultContext(AssemblyLoadContext context, AssemblyName name)
    {
        return name.Name == CoreAssemblyName ? Instance.LoadFromAssemblyName(name) : null;
    }

    private static string LocateCore()
    {
        var moduleDirectory = Path.GetDirectoryName(typeof(PrivateLoadContext).Assembly.Location)
            ?? throw new InvalidOperationException("The ShotVideo module assembly has no location on disk.");
        return Path.Combine(moduleDirectory, "deps", CoreAssemblyName + ".dll");
    }
}
