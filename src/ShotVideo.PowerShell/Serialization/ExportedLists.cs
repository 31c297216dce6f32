using System.Collections;
using System.Management.Automation;

namespace ShotVideo.PowerShell.Serialization;

/// <summary>
/// The lists on ShotVideo's objects as PowerShell hands them out (code properties in
/// ShotVideo.Serialization.Types.ps1xml): the list itself, so scripts enumerate and count it as before, whose text is
/// its items joined with "; ". Export-Csv and ConvertTo-Csv write that text instead of the list type's name
/// (<c>&lt;&gt;z__ReadOnlyArray…</c>).
/// </summary>
public static class ExportedLists
{
    public static object? References(PSObject instance) => Wrap(instance, nameof(References));

    public static object? Warnings(PSObject instance) => Wrap(instance, nameof(Warnings));

    /// <summary>The text of a wrapped list: its items joined with "; " ('' for an empty list).</summary>
    public static string JoinItems(PSObject instance) =>
        string.Join("; ", ((IEnumerable)instance.BaseObject).Cast<object?>());

    private static PSObject? Wrap(PSObject instance, string property)
    {
        // Read through reflection: the PSObject's property of this name is this code property.
        var baseObject = instance.BaseObject;
        if (baseObject.GetType().GetProperty(property)?.GetValue(baseObject) is not IEnumerable items)
        {
            return null;
        }

        var wrapped = new PSObject(items);
        // Instance members stay with the list object, so an earlier read may have added this already. (An empty list
        // may be .NET's shared empty array; its text becomes '' too, which is what an empty list should read as.)
        if (wrapped.Members.Match(nameof(ToString), PSMemberTypes.CodeMethod).Count == 0)
        {
            wrapped.Members.Add(new PSCodeMethod(nameof(ToString), typeof(ExportedLists).GetMethod(nameof(JoinItems))!));
        }

        return wrapped;
    }
}
