package dev.contactcenter.core.domain;

import java.time.Instant;
import java.util.List;

/**
 * A queue in the tenant's queue structure. {@code treePath} holds the ids from the top-level menu
 * down to this one ({@code /0000000000000001/0000000000000007/}); {@code materializedPath} the names,
 * joined with " / ", as the vendor's API shows them.
 */
public record Menu(
        long id,
        Long parentId,
        String name,
        MenuType menuType,
        List<Channel> channels,
        List<String> languages,
        long position,
        RecordingOption recordingOption,
        List<OutboundNumber> outboundNumbers,
        long defaultHandleTimeSeconds,
        long priority,
        QueueSchedule schedule,
        DialZero dialZero,
        StaleLimits staleLimits,
        String treePath,
        String materializedPath,
        long childCount,
        long dependents,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    public static final String PATH_SEPARATOR = " / ";

    public int depth() {
        int slashes = 0;
        for (int i = 0; i < treePath.length(); i++) {
            if (treePath.charAt(i) == '/') {
                slashes++;
            }
        }
        return slashes - 1;
    }

    /** The ids of the menus above this one, from the top down, read off its tree path. */
    public List<Long> ancestorIds() {
        List<Long> ids = new java.util.ArrayList<>();
        for (String part : treePath.split("/")) {
            if (!part.isEmpty()) {
                ids.add(Long.parseLong(part));
            }
        }
        ids.remove(ids.size() - 1);
        return ids;
    }

    public boolean servesLanguage(String lang) {
        return languages.contains(lang);
    }

    public boolean serves(Channel channel) {
        return channels.contains(channel);
    }

    public Menu withPlacement(Long newParentId, String newTreePath, String newMaterializedPath, Instant now) {
        return new Menu(
                id,
                newParentId,
                name,
                menuType,
                channels,
                languages,
                position,
                recordingOption,
                outboundNumbers,
                defaultHandleTimeSeconds,
                priority,
                schedule,
                dialZero,
                staleLimits,
                newTreePath,
                newMaterializedPath,
                childCount,
                dependents,
                version + 1,
                createdAt,
                now);
    }

    /** This queue as a contact of another priority sees it (a call-back's own priority, for its estimate). */
    public Menu withPriority(long contactPriority) {
        return contactPriority == priority
                ? this
                : new Menu(
                        id,
                        parentId,
                        name,
                        menuType,
                        channels,
                        languages,
                        position,
                        recordingOption,
                        outboundNumbers,
                        defaultHandleTimeSeconds,
                        contactPriority,
                        schedule,
                        dialZero,
                        staleLimits,
                        treePath,
                        materializedPath,
                        childCount,
                        dependents,
                        version,
                        createdAt,
                        updatedAt);
    }
}
