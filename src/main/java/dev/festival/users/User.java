package dev.festival.users;

import dev.festival.common.security.Role;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

@Entity
@Table(name = "users")
public class User extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(nullable = false)
    public String email;
    @Column(name = "password_hash", nullable = false)
    public String passwordHash;
    @Column(name = "first_name", nullable = false)
    public String firstName;
    @Column(name = "last_name", nullable = false)
    public String lastName;
    public String phone;
    @Column(name = "avatar_url")
    public String avatarUrl;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Role role;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public UserStatus status;
    @Column(name = "email_verified", nullable = false)
    public boolean emailVerified;
    @Column(name = "two_factor_enabled", nullable = false)
    public boolean twoFactorEnabled;
    @Column(name = "status_reason")
    public String statusReason;
    @Column(name = "last_login_at")
    public OffsetDateTime lastLoginAt;
    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
