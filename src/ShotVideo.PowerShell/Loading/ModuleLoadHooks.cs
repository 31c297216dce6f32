using System.Management.Automation;
using System.Runtime.Loader;

namespace ShotVideo.PowerShell.Loading;

/// <summary>
/// PowerShell calls these on Import-Module / Remove-Module: they route the default context's requests for
/// ShotVideo.Core to <see cref="PrivateLoadContext"/>.
/// </summary>
/// <remarks>
/// The handler is counted because one process can import the module into several runspaces; it is unhooked when the
/// last one removes the module. A binding the default context already made stays valid after that.
/// </remarks>
public sealed class ModuleLoadHooks : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private static readonly object Gate = new();
    private static int _imports;

    public void OnImport()
    {
        lock (Gate)
        {
            if (_imports++ == 0)
            {
                AssemblyLoadContext.Default.Resolving += PrivateLoadContext.ResolveCoreForDefaultContext;
            }
        }
    }

    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        lock (Gate)
        {
            if (_imports > 0 && --_imports == 0)
            {
                AssemblyLoadContext.Default.Resolving -= PrivateLoadContext.ResolveCoreForDefaultContext;
            }
        }
    }
}
