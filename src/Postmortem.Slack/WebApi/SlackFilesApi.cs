using System.Globalization;
using System.Text.Json.Nodes;

namespace Postmortem.Slack.WebApi;

/// <summary>Uploads a file the current way (<c>files.upload</c> is retired): get an upload URL, send the bytes, complete.</summary>
public sealed class SlackFilesApi(SlackApiTransport transport)
{
    [SlackMethod(SlackMethods.FilesGetUploadUrlExternal, SlackMethods.FilesCompleteUploadExternal)]
    public async Task<SlackCompleteUploadResponse> UploadAsync(SlackFileUpload upload, CancellationToken ct)
    {
        var target = await transport.PostFormAsync<SlackUploadUrlResponse>(
            SlackMethods.FilesGetUploadUrlExternal,
            [new("filename", upload.FileName), new("length", upload.Bytes.Length.ToString(CultureInfo.InvariantCulture))],
            ct).ConfigureAwait(false);
        if (string.IsNullOrEmpty(target.UploadUrl) || string.IsNullOrEmpty(target.FileId)
            || !Uri.TryCreate(target.UploadUrl, UriKind.Absolute, out var uploadUrl))
        {
            throw new SlackApiException(SlackMethods.FilesGetUploadUrlExternal, "missing_upload_url");
        }

        await transport.UploadAsync(uploadUrl, upload.Bytes, ct).ConfigureAwait(false);

        var files = new JsonArray(new JsonObject { ["id"] = target.FileId, ["title"] = upload.Title ?? upload.FileName });
        return await transport.PostFormAsync<SlackCompleteUploadResponse>(
            SlackMethods.FilesCompleteUploadExternal,
            [
                new("files", files.ToJsonString()),
                new("channel_id", upload.ChannelId),
                new("initial_comment", upload.InitialComment),
                new("thread_ts", upload.ThreadTs),
            ],
            ct).ConfigureAwait(false);
    }
}
