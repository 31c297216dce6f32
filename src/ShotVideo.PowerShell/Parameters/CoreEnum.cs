namespace ShotVideo.PowerShell.Parameters;

/// <summary>
/// Maps the module's parameter enums to Core's by name, never by ordinal: the two are declared apart (see
/// <see cref="ShotVideoRunMode"/>), and a name that Core lacks fails loudly instead of meaning something else.
/// </summary>
internal static class CoreEnum
{
    public static TCore From<TCore>(Enum parameterValue)
        where TCore : struct, Enum =>
        Enum.Parse<TCore>(parameterValue.ToString(), ignoreCase: false);
}
