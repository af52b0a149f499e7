package dev.conduit.adapter.persistence;

import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

interface LocationMapper {

    String COLUMNS = "id, host, root, device, root_file_key AS rootFileKey, fs_device AS fsDevice,"
            + " fs_mtime_granularity AS fsMtimeGranularity, fs_permissions AS fsPermissions, fs_symlinks AS fsSymlinks,"
            + " fs_hard_links AS fsHardLinks, fs_case_sensitive AS fsCaseSensitive, fs_user_xattrs AS fsUserXattrs";

    /**
     * The root of this machine itself, or the longest root that is a folder above the path (compared exactly, no LIKE
     * patterns).
     */
    @Select("SELECT " + COLUMNS + " FROM location WHERE host = '' AND (root = #{path}"
            + " OR substr(#{path}, 1, length(root) + 1) = root || '/'"
            + " OR (root = '/' AND substr(#{path}, 1, 1) = '/'))"
            + " ORDER BY length(root) DESC LIMIT 1")
    LocationRow findEnclosing(@Param("path") String path);

    @Select("SELECT " + COLUMNS + " FROM location WHERE host = #{host} AND root = #{root}")
    LocationRow findByHostAndRoot(@Param("host") String host, @Param("root") String root);

    @Select("SELECT peer_library AS library, peer_position AS position FROM location"
            + " WHERE id = #{id} AND peer_library IS NOT NULL")
    PeerRow peerPosition(@Param("id") long id);

    @Update("UPDATE location SET peer_library = #{library}, peer_position = #{position}, device = #{device},"
            + " root_file_key = #{fileKey} WHERE id = #{id}")
    void recordExchange(
            @Param("id") long id,
            @Param("library") String library,
            @Param("position") long position,
            @Param("device") String device,
            @Param("fileKey") String fileKey);

    @Update("UPDATE location SET peer_library = NULL, peer_position = NULL WHERE id = #{id}")
    void forgetExchange(@Param("id") long id);

    /** Where a copy's last exchange left it. */
    record PeerRow(String library, long position) {}

    @Select("SELECT " + COLUMNS + " FROM location WHERE id = #{id}")
    LocationRow findById(@Param("id") long id);

    @Select("SELECT " + COLUMNS + " FROM location ORDER BY id")
    List<LocationRow> findAll();

    /** Registers the root unless another process just did: the row is then theirs, read back by host and root. */
    @Insert(
            "INSERT INTO location (host, root, device, root_file_key, registered_at)"
                    + " VALUES (#{host}, #{root}, #{device}, #{rootFileKey}, #{registeredAt}) ON CONFLICT (host, root) DO NOTHING")
    void insert(NewLocation location);

    @Update("UPDATE location SET fs_device = #{device}, fs_mtime_granularity = #{mtime},"
            + " fs_permissions = #{permissions}, fs_symlinks = #{symlinks}, fs_hard_links = #{hardLinks},"
            + " fs_case_sensitive = #{caseSensitive}, fs_user_xattrs = #{userXattrs} WHERE id = #{id}")
    void recordFileSystem(
            @Param("id") long id,
            @Param("device") String device,
            @Param("mtime") String mtime,
            @Param("permissions") boolean permissions,
            @Param("symlinks") boolean symlinks,
            @Param("hardLinks") boolean hardLinks,
            @Param("caseSensitive") boolean caseSensitive,
            @Param("userXattrs") boolean userXattrs);

    @Update("UPDATE location SET last_scanned_at = #{at} WHERE id = #{id}")
    void recordScan(@Param("id") long id, @Param("at") long at);

    /** A row to insert. */
    final class NewLocation {
        final String host;
        final String root;
        final String device;
        final String rootFileKey;
        final long registeredAt;

        NewLocation(String host, String root, String device, String rootFileKey, long registeredAt) {
            this.host = host;
            this.root = root;
            this.device = device;
            this.rootFileKey = rootFileKey;
            this.registeredAt = registeredAt;
        }

        public String getHost() {
            return host;
        }

        public String getRoot() {
            return root;
        }

        public String getDevice() {
            return device;
        }

        public String getRootFileKey() {
            return rootFileKey;
        }

        public long getRegisteredAt() {
            return registeredAt;
        }
    }
}
