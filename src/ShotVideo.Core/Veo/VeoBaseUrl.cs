namespace ShotVideo.Veo;

/// <summary>Picks a base URL: the option, else the environment variable, else Google's; always absolute and ending in '/'.</summary>
internal static class VeoBaseUrl
{
    public static Uri Resolve(Uri? option, string? environmentValue, Uri fallback, string variableName)
    {
        Uri? chosen = option;
        if (chosen is null && !string.IsNullOrWhiteSpace(environmentValue))
        {
            if (!Uri.TryCreate(environmentValue.Trim(), UriKind.Absolute, out chosen))
            {
                throw new ShotVideoException("ShotVideoInvalidBaseUrl", ShotVideoErrorKind.InvalidArgument,
                    $"{variableName} is not an absolute URL. Set it like https://host/v1beta/ or remove it.");
            }
        }

        chosen ??= fallback;
        if (!chosen.IsAbsoluteUri || (chosen.Scheme != Uri.UriSchemeHttps && chosen.Scheme != Uri.UriSchemeHttp))
        {
            throw new ShotVideoException("ShotVideoInvalidBaseUrl", ShotVideoErrorKind.InvalidArgument,
                $"The base URL '{chosen}' is not an absolute http(s) URL.");
        }

        // Relative paths are appended to the base only when it ends in '/'.
        return chosen.AbsoluteUri.EndsWith('/') ? chosen : new Uri(chosen.AbsoluteUri + "/");
    }
}
