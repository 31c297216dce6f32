using System.Management.Automation;

namespace ShotVideo.PowerShell.Commands;

/// <summary>Base of the cmdlets that read reference images or write clips: the <c>-PublicRoot</c> parameter and the current location.</summary>
public abstract class AssetCmdlet : DatabaseCmdlet
{
    /// <summary>The environment variable naming the web app's public/ folder when -PublicRoot is not given.</summary>
    public const string PublicRootVariable = "SHOTVIDEO_PUBLIC_ROOT";

    private string? _currentLocation;

    /// <summary>The web app's public/ folder; defaults to SHOTVIDEO_PUBLIC_ROOT, then ./public.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? PublicRoot { get; set; }

    /// <summary>PowerShell's current file system location when the command began (relative paths start there).</summary>
    protected string CurrentLocation => _currentLocation ?? throw new InvalidOperationException("The command has not begun.");

    /// <summary>The public folder as a full path, relative paths taken from PowerShell's current location.</summary>
    protected string ResolvePublicRoot()
    {
        var configured = PublicRoot ?? Environment.GetEnvironmentVariable(PublicRootVariable);
        return Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? "public" : configured, CurrentLocation);
    }

    // Session state is not thread-safe and the async blocks run on workers: read the location here, on the pipeline thread.
    protected override void CaptureSessionState()
    {
        base.CaptureSessionState();
        _currentLocation = SessionState.Path.CurrentFileSystemLocation.ProviderPath;
    }
}
