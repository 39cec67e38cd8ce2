// Generated from /openapi.json by openapi-typescript (npm run web:api-types). Do not edit by hand.
/* eslint-disable */
export interface paths {
    "/api/v1/admin/agencies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create an agency in a member country */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        countryCode: string;
                        /** @enum {string} */
                        kind?: "police" | "ncb";
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            country_code: string;
                            /** Format: date-time */
                            created_at: string;
                            id: number;
                            /** @enum {string} */
                            kind: "ncb" | "police" | "hub";
                            name: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/countries/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Add or rename a member country */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    code: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        isHub?: boolean;
                        name: string;
                        ncbName: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Users (NCB officers: their country) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            users: {
                                agencyId: number;
                                certificationExpired: boolean;
                                /** Format: date */
                                certifiedUntil: string | null;
                                countryCode: string;
                                disabled: boolean;
                                displayName: string;
                                email: string;
                                id: number;
                                isHub: boolean;
                                /** @enum {string} */
                                role: "investigator" | "analyst" | "ncb_officer" | "dpo" | "admin";
                                /** @description the user's wellness settings (blur, greyscale, …) as saved */
                                settings: {
                                    [key: string]: unknown;
                                };
                                totpEnabled: boolean;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a user; the answer carries the TOTP secret once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        agencyId: number;
                        /** Format: date */
                        certifiedUntil?: string | null;
                        displayName: string;
                        /** Format: email */
                        email: string;
                        password: string;
                        /** @enum {string} */
                        role: "investigator" | "analyst" | "ncb_officer" | "dpo" | "admin";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description the secret as an otpauth:// URI for an authenticator app */
                            otpauthUri: string | null;
                            /** @description shown once */
                            totpSecret: string | null;
                            user: {
                                agencyId: number;
                                certificationExpired: boolean;
                                /** Format: date */
                                certifiedUntil: string | null;
                                countryCode: string;
                                disabled: boolean;
                                displayName: string;
                                email: string;
                                id: number;
                                isHub: boolean;
                                /** @enum {string} */
                                role: "investigator" | "analyst" | "ncb_officer" | "dpo" | "admin";
                                /** @description the user's wellness settings (blur, greyscale, …) as saved */
                                settings: {
                                    [key: string]: unknown;
                                };
                                totpEnabled: boolean;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change role, certification, or disable a user */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: date */
                        certifiedUntil?: string | null;
                        disabled?: boolean;
                        displayName?: string;
                        /** @enum {string} */
                        role?: "investigator" | "analyst" | "ncb_officer" | "dpo" | "admin";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agencyId: number;
                            certificationExpired: boolean;
                            /** Format: date */
                            certifiedUntil: string | null;
                            countryCode: string;
                            disabled: boolean;
                            displayName: string;
                            email: string;
                            id: number;
                            isHub: boolean;
                            /** @enum {string} */
                            role: "investigator" | "analyst" | "ncb_officer" | "dpo" | "admin";
                            /** @description the user's wellness settings (blur, greyscale, …) as saved */
                            settings: {
                                [key: string]: unknown;
                            };
                            totpEnabled: boolean;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/agencies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Agencies */
        get: {
            parameters: {
                query?: {
                    country?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agencies: {
                                country_code: string;
                                /** Format: date-time */
                                created_at: string;
                                id: number;
                                /** @enum {string} */
                                kind: "ncb" | "police" | "hub";
                                name: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Audit log, newest first (keyset paging with afterSeq); a national DPO sees the rows of its own country's users */
        get: {
            parameters: {
                query?: {
                    action?: string;
                    actorEmail?: string;
                    actorUserId?: number;
                    afterSeq?: number;
                    format?: "json" | "csv";
                    /** @description from this date or instant */
                    from?: string;
                    limit?: number;
                    objectId?: string;
                    objectType?: string;
                    /** @description until this date (inclusive) or instant */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            entries: {
                                action: string;
                                actor_country: string | null;
                                actor_email: string | null;
                                actor_user_id: number | null;
                                /** Format: date-time */
                                at: string;
                                /** @description what the action concerned (JSON) */
                                details: unknown;
                                ip: string | null;
                                object_id: string | null;
                                object_type: string;
                                /** @description the keyed chain: the previous row hash */
                                prev_hash: string | null;
                                row_hash: string | null;
                                seq: number;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit/actions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The actions found in the audit log (for filtering); a national DPO's own country only */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            actions: string[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Verify the keyed audit chain and its checkpoints outside the database; reports the first broken link and the rows not yet sealed */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in with email, password and (outside demo mode) a TOTP code; sets an HTTP-only session cookie */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                        password: string;
                        totp?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign out (revokes the session) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in user, their country, agency and role, and the actions (src/policy) their role may call */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description the gated actions this role may call */
                            actions: string[];
                            agencyId: number;
                            agencyName: string | null;
                            certificationExpired: boolean;
                            /** Format: date */
                            certifiedUntil: string | null;
                            countryCode: string;
                            countryName: string | null;
                            disabled: boolean;
                            displayName: string;
                            email: string;
                            id: number;
                            isHub: boolean;
                            ncbName: string | null;
                            /** @enum {string} */
                            role: "investigator" | "analyst" | "ncb_officer" | "dpo" | "admin";
                            /** @description the user's wellness settings (blur, greyscale, …) as saved */
                            settings: {
                                [key: string]: unknown;
                            };
                            totpEnabled: boolean;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/me/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Update personal settings (wellness: blur strength, greyscale, mute) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        blur?: number;
                        greyscale?: boolean;
                        muteVideos?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        trace?: never;
    };
    "/api/v1/auth/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List my API tokens */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        /** Create an API token for a machine client (shown once) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        expiresInDays?: number;
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API token */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/blocklist": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Block list entries (pending, active, removed), newest first, with their verifications */
        get: {
            parameters: {
                query?: {
                    afterId?: number;
                    /** @description a domain or URL, normalised, exact match */
                    domain?: string;
                    limit?: number;
                    /** @description substring of the (punycode) domain */
                    q?: string;
                    status?: "pending" | "active" | "removed";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            entries: {
                                /** @description what the caller may do with it now (lists and reads) */
                                actions?: ("verify" | "remove")[];
                                /** Format: date-time */
                                activatedAt: string | null;
                                /** @description what a pending entry waits for */
                                awaiting: string | null;
                                /** Format: date-time */
                                createdAt: string | null;
                                domain: string;
                                id: number;
                                /** Format: date-time */
                                lastVerifiedAt: string | null;
                                note: string;
                                proposerAgencyId: number;
                                proposerCountry: string;
                                removalReason: string | null;
                                /** Format: date-time */
                                removedAt: string | null;
                                /** Format: date */
                                reviewDue: string | null;
                                /** @enum {string} */
                                status: "pending" | "active" | "removed";
                                /** Format: date-time */
                                updatedAt: string | null;
                                verifications: {
                                    agencyId: number;
                                    /** Format: date-time */
                                    at: string | null;
                                    childrenUnder13: boolean;
                                    countryCode: string;
                                    id: number;
                                    /** @enum {string} */
                                    kind: "proposal" | "confirmation" | "review";
                                    note: string;
                                    severeAbuse: boolean;
                                }[];
                                /** @description countries that proposed or confirmed it */
                                verifyingCountries: string[];
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Propose a domain (investigators and analysts of member countries); the proposal is the first verification
         * @description The domain is normalised (lower-case, no scheme, path or port, punycode); IP addresses are refused. It becomes active when an agency of another country confirms it.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description the checklist attested by the verifier; both must be true */
                        criteria: {
                            /** @description real children, apparently under 13 */
                            childrenUnder13: boolean;
                            /** @description severe abuse */
                            severeAbuse: boolean;
                        };
                        /** @description a domain, or a URL cut down to its host */
                        domain: string;
                        note?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description what the caller may do with it now (lists and reads) */
                            actions?: ("verify" | "remove")[];
                            /** Format: date-time */
                            activatedAt: string | null;
                            /** @description what a pending entry waits for */
                            awaiting: string | null;
                            /** Format: date-time */
                            createdAt: string | null;
                            domain: string;
                            id: number;
                            /** Format: date-time */
                            lastVerifiedAt: string | null;
                            note: string;
                            /** @description earlier entries for the same domain, removed */
                            previouslyRemoved: {
                                id: number;
                                reason: string | null;
                                /** Format: date-time */
                                removedAt: string | null;
                            }[];
                            proposerAgencyId: number;
                            proposerCountry: string;
                            removalReason: string | null;
                            /** Format: date-time */
                            removedAt: string | null;
                            /** Format: date */
                            reviewDue: string | null;
                            /** @enum {string} */
                            status: "pending" | "active" | "removed";
                            /** Format: date-time */
                            updatedAt: string | null;
                            verifications: {
                                agencyId: number;
                                /** Format: date-time */
                                at: string | null;
                                childrenUnder13: boolean;
                                countryCode: string;
                                id: number;
                                /** @enum {string} */
                                kind: "proposal" | "confirmation" | "review";
                                note: string;
                                severeAbuse: boolean;
                            }[];
                            /** @description countries that proposed or confirmed it */
                            verifyingCountries: string[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/blocklist/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A block list entry with its verifications */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description what the caller may do with it now (lists and reads) */
                            actions?: ("verify" | "remove")[];
                            /** Format: date-time */
                            activatedAt: string | null;
                            /** @description what a pending entry waits for */
                            awaiting: string | null;
                            /** Format: date-time */
                            createdAt: string | null;
                            domain: string;
                            id: number;
                            /** Format: date-time */
                            lastVerifiedAt: string | null;
                            note: string;
                            proposerAgencyId: number;
                            proposerCountry: string;
                            removalReason: string | null;
                            /** Format: date-time */
                            removedAt: string | null;
                            /** Format: date */
                            reviewDue: string | null;
                            /** @enum {string} */
                            status: "pending" | "active" | "removed";
                            /** Format: date-time */
                            updatedAt: string | null;
                            verifications: {
                                agencyId: number;
                                /** Format: date-time */
                                at: string | null;
                                childrenUnder13: boolean;
                                countryCode: string;
                                id: number;
                                /** @enum {string} */
                                kind: "proposal" | "confirmation" | "review";
                                note: string;
                                severeAbuse: boolean;
                            }[];
                            /** @description countries that proposed or confirmed it */
                            verifyingCountries: string[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/blocklist/{id}/remove": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Remove an entry with a reason (the hub or an agency that verified it); it stays as history */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description what the caller may do with it now (lists and reads) */
                            actions?: ("verify" | "remove")[];
                            /** Format: date-time */
                            activatedAt: string | null;
                            /** @description what a pending entry waits for */
                            awaiting: string | null;
                            /** Format: date-time */
                            createdAt: string | null;
                            domain: string;
                            id: number;
                            /** Format: date-time */
                            lastVerifiedAt: string | null;
                            note: string;
                            proposerAgencyId: number;
                            proposerCountry: string;
                            removalReason: string | null;
                            /** Format: date-time */
                            removedAt: string | null;
                            /** Format: date */
                            reviewDue: string | null;
                            /** @enum {string} */
                            status: "pending" | "active" | "removed";
                            /** Format: date-time */
                            updatedAt: string | null;
                            verifications: {
                                agencyId: number;
                                /** Format: date-time */
                                at: string | null;
                                childrenUnder13: boolean;
                                countryCode: string;
                                id: number;
                                /** @enum {string} */
                                kind: "proposal" | "confirmation" | "review";
                                note: string;
                                severeAbuse: boolean;
                            }[];
                            /** @description countries that proposed or confirmed it */
                            verifyingCountries: string[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/blocklist/{id}/verifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Verify an entry: confirms a pending one (activates it when the agency is of another country) or re-verifies an active one (moves its review date) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description the checklist attested by the verifier; both must be true */
                        criteria: {
                            /** @description real children, apparently under 13 */
                            childrenUnder13: boolean;
                            /** @description severe abuse */
                            severeAbuse: boolean;
                        };
                        note?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description what the caller may do with it now (lists and reads) */
                            actions?: ("verify" | "remove")[];
                            /** @description this verification activated the entry */
                            activated: boolean;
                            /** Format: date-time */
                            activatedAt: string | null;
                            /** @description what a pending entry waits for */
                            awaiting: string | null;
                            /** Format: date-time */
                            createdAt: string | null;
                            domain: string;
                            id: number;
                            /** Format: date-time */
                            lastVerifiedAt: string | null;
                            note: string;
                            proposerAgencyId: number;
                            proposerCountry: string;
                            removalReason: string | null;
                            /** Format: date-time */
                            removedAt: string | null;
                            /** Format: date */
                            reviewDue: string | null;
                            /** @enum {string} */
                            status: "pending" | "active" | "removed";
                            /** Format: date-time */
                            updatedAt: string | null;
                            verifications: {
                                agencyId: number;
                                /** Format: date-time */
                                at: string | null;
                                childrenUnder13: boolean;
                                countryCode: string;
                                id: number;
                                /** @enum {string} */
                                kind: "proposal" | "confirmation" | "review";
                                note: string;
                                severeAbuse: boolean;
                            }[];
                            /** @description countries that proposed or confirmed it */
                            verifyingCountries: string[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/blocklist/download": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The active list for access providers (NCB officers and the hub): text/plain one domain per line, or text/csv domain,activated_at,review_due */
        get: {
            parameters: {
                query?: {
                    format?: "txt" | "csv";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/blocklist/review-due": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Active entries due for review (hub); review falls 90 days after activation or the last re-verification */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    /** @description also entries due within this many days (default 0: due today or overdue) */
                    withinDays?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            entries: {
                                /** @description what the caller may do with it now (lists and reads) */
                                actions?: ("verify" | "remove")[];
                                /** Format: date-time */
                                activatedAt: string | null;
                                /** @description what a pending entry waits for */
                                awaiting: string | null;
                                /** Format: date-time */
                                createdAt: string | null;
                                domain: string;
                                id: number;
                                /** Format: date-time */
                                lastVerifiedAt: string | null;
                                note: string;
                                proposerAgencyId: number;
                                proposerCountry: string;
                                removalReason: string | null;
                                /** Format: date-time */
                                removedAt: string | null;
                                /** Format: date */
                                reviewDue: string | null;
                                /** @enum {string} */
                                status: "pending" | "active" | "removed";
                                /** Format: date-time */
                                updatedAt: string | null;
                                verifications: {
                                    agencyId: number;
                                    /** Format: date-time */
                                    at: string | null;
                                    childrenUnder13: boolean;
                                    countryCode: string;
                                    id: number;
                                    /** @enum {string} */
                                    kind: "proposal" | "confirmation" | "review";
                                    note: string;
                                    severeAbuse: boolean;
                                }[];
                                /** @description countries that proposed or confirmed it */
                                verifyingCountries: string[];
                            }[];
                            /** Format: date */
                            until: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Cases visible to me */
        get: {
            parameters: {
                query?: {
                    afterId?: number;
                    limit?: number;
                    status?: "open" | "closed";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cases: {
                                /** @description what the caller may do with it now */
                                actions: ("update" | "consult")[];
                                /** Format: date-time */
                                createdAt: string;
                                description: string;
                                /** @enum {string} */
                                distribution: "agency" | "country" | "countries" | "all";
                                id: number;
                                ownerAgencyId: number;
                                ownerCountry: string;
                                reference: string;
                                sharedWith: string[];
                                /** @enum {string} */
                                status: "open" | "closed";
                                title: string;
                                /** Format: date-time */
                                updatedAt: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Open a case for my agency */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string;
                        /**
                         * @description agency only / country only / named countries / all member countries
                         * @enum {string}
                         */
                        distribution?: "agency" | "country" | "countries" | "all";
                        reference: string;
                        /** @description countries named when distribution = countries */
                        sharedWith?: string[];
                        title: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description what the caller may do with it now */
                            actions: ("update" | "consult")[];
                            /** Format: date-time */
                            createdAt: string;
                            description: string;
                            /** @enum {string} */
                            distribution: "agency" | "country" | "countries" | "all";
                            id: number;
                            ownerAgencyId: number;
                            ownerCountry: string;
                            reference: string;
                            sharedWith: string[];
                            /** @enum {string} */
                            status: "open" | "closed";
                            title: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A case */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description what the caller may do with it now */
                            actions: ("update" | "consult")[];
                            /** Format: date-time */
                            createdAt: string;
                            description: string;
                            /** @enum {string} */
                            distribution: "agency" | "country" | "countries" | "all";
                            id: number;
                            ownerAgencyId: number;
                            ownerCountry: string;
                            reference: string;
                            sharedWith: string[];
                            /** @enum {string} */
                            status: "open" | "closed";
                            title: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a case (owning agency) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string;
                        /**
                         * @description agency only / country only / named countries / all member countries
                         * @enum {string}
                         */
                        distribution?: "agency" | "country" | "countries" | "all";
                        /** @description countries named when distribution = countries */
                        sharedWith?: string[];
                        /** @enum {string} */
                        status?: "open" | "closed";
                        title?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description what the caller may do with it now */
                            actions: ("update" | "consult")[];
                            /** Format: date-time */
                            createdAt: string;
                            description: string;
                            /** @enum {string} */
                            distribution: "agency" | "country" | "countries" | "all";
                            id: number;
                            ownerAgencyId: number;
                            ownerCountry: string;
                            reference: string;
                            sharedWith: string[];
                            /** @enum {string} */
                            status: "open" | "closed";
                            title: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/cases/{id}/consultations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Consultations on a case in which my country takes part (all of them for the owning agency) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            consultations: {
                                caseId: number;
                                caseReference: string;
                                countries: string[];
                                /** Format: date-time */
                                createdAt: string;
                                id: number;
                                /** Format: date-time */
                                lastMessageAt: string | null;
                                /** @description how many messages */
                                messages: number;
                                subject: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Open a consultation on a case with named countries (the case owner's country and mine take part); participants are notified */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        countries: string[];
                        /** @description media cited (each one I may see); a reader is shown only those they may see */
                        mediaIds?: number[];
                        message: string;
                        subject: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            caseId: number;
                            caseReference: string;
                            countries: string[];
                            /** Format: date-time */
                            createdAt: string;
                            id: number;
                            /** Format: date-time */
                            lastMessageAt: string | null;
                            /** @description how many messages */
                            messages: number;
                            subject: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{id}/retention": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A case's retention date, review date and past reviews */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            caseId: number;
                            /** Format: date-time */
                            lastReviewAt: string | null;
                            /** @description YYYY-MM-DD */
                            maxRetentionUntil: string;
                            /** Format: date-time */
                            openedAt: string;
                            ownerAgencyId: number;
                            ownerCountry: string;
                            reference: string;
                            /** @description YYYY-MM-DD */
                            retentionUntil: string;
                            /** @description YYYY-MM-DD */
                            reviewDue: string;
                            reviews: {
                                /** Format: date-time */
                                at: string;
                                justification: string;
                                /** @description YYYY-MM-DD */
                                newUntil: string;
                                /** @description YYYY-MM-DD */
                                previousUntil: string;
                                reviewerCountry: string;
                                reviewerId: number;
                            }[];
                            /** @enum {string} */
                            state: "expired" | "review_due" | "retained";
                            status: string;
                            title: string;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Review a case's retention: the date it is kept until (at most 99 years after it was opened) and why (owning agency or its NCB) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        justification: string;
                        until: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            caseId: number;
                            /** Format: date-time */
                            lastReviewAt: string | null;
                            /** @description YYYY-MM-DD */
                            maxRetentionUntil: string;
                            /** Format: date-time */
                            openedAt: string;
                            ownerAgencyId: number;
                            ownerCountry: string;
                            reference: string;
                            /** @description YYYY-MM-DD */
                            retentionUntil: string;
                            /** @description YYYY-MM-DD */
                            reviewDue: string;
                            /** @enum {string} */
                            state: "expired" | "review_due" | "retained";
                            status: string;
                            title: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{id}/seizures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Seizures of a case */
        get: {
            parameters: {
                query?: {
                    afterId?: number;
                    limit?: number;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            seizures: {
                                caseId: number;
                                /** Format: date-time */
                                completedAt: string | null;
                                counts: {
                                    done: number;
                                    duplicates: number;
                                    error: number;
                                    items: number;
                                    knownExact: number;
                                    knownNear: number;
                                    new: number;
                                    pending: number;
                                    processing: number;
                                };
                                /** Format: date-time */
                                createdAt: string;
                                description: string;
                                /** @enum {string} */
                                distribution: "agency" | "country" | "countries" | "all";
                                hashOnly: boolean;
                                id: number;
                                label: string;
                                ownerAgencyId: number;
                                ownerCountry: string;
                                /** @description per cent of items finished */
                                progress: number;
                                sharedWith: string[];
                                /** @enum {string} */
                                status: "receiving" | "processing" | "complete";
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Register a seizure in a case of my agency */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string;
                        /**
                         * @description agency only / country only / named countries / all member countries
                         * @enum {string}
                         */
                        distribution?: "agency" | "country" | "countries" | "all";
                        /** @description material may not leave the country: only hashes are submitted */
                        hashOnly?: boolean;
                        label: string;
                        /** @description countries named when distribution = countries */
                        sharedWith?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            caseId: number;
                            /** Format: date-time */
                            completedAt: string | null;
                            counts: {
                                done: number;
                                duplicates: number;
                                error: number;
                                items: number;
                                knownExact: number;
                                knownNear: number;
                                new: number;
                                pending: number;
                                processing: number;
                            };
                            /** Format: date-time */
                            createdAt: string;
                            description: string;
                            /** @enum {string} */
                            distribution: "agency" | "country" | "countries" | "all";
                            hashOnly: boolean;
                            id: number;
                            label: string;
                            ownerAgencyId: number;
                            ownerCountry: string;
                            /** @description per cent of items finished */
                            progress: number;
                            sharedWith: string[];
                            /** @enum {string} */
                            status: "receiving" | "processing" | "complete";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/comments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Comments on a medium, series or victim I can see, oldest first */
        get: {
            parameters: {
                query: {
                    afterId?: number;
                    limit?: number;
                    targetId: number;
                    targetType: "media" | "series" | "victim";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            comments: {
                                /** @description display name */
                                author: string;
                                authorCountry: string;
                                body: string;
                                /** Format: date-time */
                                createdAt: string;
                                id: number;
                                mine: boolean;
                            }[];
                            nextAfterId: number | null;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Comment on a medium, series or victim I can see; its owning agency is notified */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        body: string;
                        targetId: number;
                        /** @enum {string} */
                        targetType: "media" | "series" | "victim";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description display name */
                            author: string;
                            authorCountry: string;
                            body: string;
                            /** Format: date-time */
                            createdAt: string;
                            id: number;
                            mine: boolean;
                            targetId: number;
                            /** @enum {string} */
                            targetType: "media" | "series" | "victim";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/consultations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Consultations my country takes part in, newest first */
        get: {
            parameters: {
                query?: {
                    afterId?: number;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            consultations: {
                                caseId: number;
                                caseReference: string;
                                countries: string[];
                                /** Format: date-time */
                                createdAt: string;
                                id: number;
                                /** Format: date-time */
                                lastMessageAt: string | null;
                                /** @description how many messages */
                                messages: number;
                                subject: string;
                            }[];
                            nextAfterId: number | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/consultations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A consultation and its messages, oldest first */
        get: {
            parameters: {
                query?: {
                    afterId?: number;
                    limit?: number;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            caseId: number;
                            caseReference: string;
                            countries: string[];
                            /** Format: date-time */
                            createdAt: string;
                            id: number;
                            /** Format: date-time */
                            lastMessageAt: string | null;
                            /** @description how many messages */
                            messages: number;
                            nextAfterId: number | null;
                            subject: string;
                            thread: {
                                /** @description display name */
                                author: string;
                                authorCountry: string;
                                body: string;
                                /** Format: date-time */
                                createdAt: string;
                                id: number;
                                /** @description cited media the reader may see */
                                mediaIds: number[];
                                mine: boolean;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/consultations/{id}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reply in a consultation; the other participant countries are notified */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        body: string;
                        /** @description media cited (each one I may see); a reader is shown only those they may see */
                        mediaIds?: number[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description display name */
                            author: string;
                            authorCountry: string;
                            body: string;
                            /** Format: date-time */
                            createdAt: string;
                            id: number;
                            /** @description cited media the reader may see */
                            mediaIds: number[];
                            mine: boolean;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/countries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Member countries and their NCBs */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            countries: {
                                active: boolean;
                                code: string;
                                /** Format: date-time */
                                created_at: string;
                                is_hub: boolean;
                                name: string;
                                ncb_name: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/firearms/records": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My country's firearm records, newest first (the hub: every country's, optionally one) */
        get: {
            parameters: {
                query?: {
                    afterId?: number;
                    /** @description ISO 3166-1 alpha-2 */
                    country?: string;
                    limit?: number;
                    /** @description as marked; compared upper-cased without spaces or dashes */
                    serial?: string;
                    status?: "lost" | "stolen" | "trafficked" | "smuggled" | "recovered";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            nextAfterId: number | null;
                            records: {
                                /** @description what the caller may do with it now (reads only) */
                                actions?: ("update" | "recover")[];
                                /** Format: date-time */
                                createdAt: string | null;
                                /** Format: date */
                                eventDate: string | null;
                                firearm: {
                                    calibre: string;
                                    countryOfManufacture: string | null;
                                    make: string;
                                    model: string;
                                    referenceId: number;
                                    /** @enum {string} */
                                    type: "pistol" | "revolver" | "rifle" | "shotgun" | "carbine" | "submachine_gun" | "machine_gun" | "other";
                                };
                                id: number;
                                importerCountry: string | null;
                                nationalReference: string;
                                notes: string;
                                place: string;
                                recordingAgencyId: number;
                                recordingCountry: string;
                                /** Format: date-time */
                                recoveredAt: string | null;
                                recoveryNote: string | null;
                                /**
                                 * @description what the recording country reported (kept once recovered)
                                 * @enum {string}
                                 */
                                reportedStatus: "lost" | "stolen" | "trafficked" | "smuggled";
                                serial: string;
                                serialKey: string;
                                /** @enum {string} */
                                status: "lost" | "stolen" | "trafficked" | "smuggled" | "recovered";
                                /** Format: date-time */
                                updatedAt: string | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Record a lost, stolen, trafficked or smuggled firearm */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * Format: date
                         * @description when it was lost, stolen or seized
                         */
                        eventDate?: string | null;
                        /** @description country of the last legal importer */
                        importerCountry?: string | null;
                        nationalReference?: string;
                        notes?: string;
                        place?: string;
                        /** @description Firearms Reference Table entry */
                        referenceId: number;
                        /** @description as marked; compared upper-cased without spaces or dashes */
                        serial: string;
                        /** @enum {string} */
                        status: "lost" | "stolen" | "trafficked" | "smuggled";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description what the caller may do with it now (reads only) */
                            actions?: ("update" | "recover")[];
                            /** Format: date-time */
                            createdAt: string | null;
                            /** Format: date */
                            eventDate: string | null;
                            firearm: {
                                calibre: string;
                                countryOfManufacture: string | null;
                                make: string;
                                model: string;
                                referenceId: number;
                                /** @enum {string} */
                                type: "pistol" | "revolver" | "rifle" | "shotgun" | "carbine" | "submachine_gun" | "machine_gun" | "other";
                            };
                            id: number;
                            importerCountry: string | null;
                            nationalReference: string;
                            notes: string;
                            place: string;
                            recordingAgencyId: number;
                            recordingCountry: string;
                            /** Format: date-time */
                            recoveredAt: string | null;
                            recoveryNote: string | null;
                            /**
                             * @description what the recording country reported (kept once recovered)
                             * @enum {string}
                             */
                            reportedStatus: "lost" | "stolen" | "trafficked" | "smuggled";
                            serial: string;
                            serialKey: string;
                            /** @enum {string} */
                            status: "lost" | "stolen" | "trafficked" | "smuggled" | "recovered";
                            /** Format: date-time */
                            updatedAt: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/firearms/records/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A firearm record (the recording country and the hub) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description what the caller may do with it now (reads only) */
                            actions?: ("update" | "recover")[];
                            /** Format: date-time */
                            createdAt: string | null;
                            /** Format: date */
                            eventDate: string | null;
                            firearm: {
                                calibre: string;
                                countryOfManufacture: string | null;
                                make: string;
                                model: string;
                                referenceId: number;
                                /** @enum {string} */
                                type: "pistol" | "revolver" | "rifle" | "shotgun" | "carbine" | "submachine_gun" | "machine_gun" | "other";
                            };
                            id: number;
                            importerCountry: string | null;
                            nationalReference: string;
                            notes: string;
                            place: string;
                            recordingAgencyId: number;
                            recordingCountry: string;
                            /** Format: date-time */
                            recoveredAt: string | null;
                            recoveryNote: string | null;
                            /**
                             * @description what the recording country reported (kept once recovered)
                             * @enum {string}
                             */
                            reportedStatus: "lost" | "stolen" | "trafficked" | "smuggled";
                            serial: string;
                            serialKey: string;
                            /** @enum {string} */
                            status: "lost" | "stolen" | "trafficked" | "smuggled" | "recovered";
                            /** Format: date-time */
                            updatedAt: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a firearm record (the recording country; not once recovered) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * Format: date
                         * @description when it was lost, stolen or seized
                         */
                        eventDate?: string | null;
                        /** @description country of the last legal importer */
                        importerCountry?: string | null;
                        nationalReference?: string;
                        notes?: string;
                        place?: string;
                        /** @description Firearms Reference Table entry */
                        referenceId?: number;
                        /** @description as marked; compared upper-cased without spaces or dashes */
                        serial?: string;
                        /** @enum {string} */
                        status?: "lost" | "stolen" | "trafficked" | "smuggled";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description what the caller may do with it now (reads only) */
                            actions?: ("update" | "recover")[];
                            /** Format: date-time */
                            createdAt: string | null;
                            /** Format: date */
                            eventDate: string | null;
                            firearm: {
                                calibre: string;
                                countryOfManufacture: string | null;
                                make: string;
                                model: string;
                                referenceId: number;
                                /** @enum {string} */
                                type: "pistol" | "revolver" | "rifle" | "shotgun" | "carbine" | "submachine_gun" | "machine_gun" | "other";
                            };
                            id: number;
                            importerCountry: string | null;
                            nationalReference: string;
                            notes: string;
                            place: string;
                            recordingAgencyId: number;
                            recordingCountry: string;
                            /** Format: date-time */
                            recoveredAt: string | null;
                            recoveryNote: string | null;
                            /**
                             * @description what the recording country reported (kept once recovered)
                             * @enum {string}
                             */
                            reportedStatus: "lost" | "stolen" | "trafficked" | "smuggled";
                            serial: string;
                            serialKey: string;
                            /** @enum {string} */
                            status: "lost" | "stolen" | "trafficked" | "smuggled" | "recovered";
                            /** Format: date-time */
                            updatedAt: string | null;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/firearms/records/{id}/recover": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark the firearm recovered (the recording country): searches no longer report it as wanted */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            /** @description optional */
            requestBody: {
                content: {
                    "application/json": {
                        note?: string;
                        /**
                         * Format: date
                         * @description YYYY-MM-DD
                         */
                        recoveredOn?: string;
                    } | null;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description what the caller may do with it now (reads only) */
                            actions?: ("update" | "recover")[];
                            /** Format: date-time */
                            createdAt: string | null;
                            /** Format: date */
                            eventDate: string | null;
                            firearm: {
                                calibre: string;
                                countryOfManufacture: string | null;
                                make: string;
                                model: string;
                                referenceId: number;
                                /** @enum {string} */
                                type: "pistol" | "revolver" | "rifle" | "shotgun" | "carbine" | "submachine_gun" | "machine_gun" | "other";
                            };
                            id: number;
                            importerCountry: string | null;
                            nationalReference: string;
                            notes: string;
                            place: string;
                            recordingAgencyId: number;
                            recordingCountry: string;
                            /** Format: date-time */
                            recoveredAt: string | null;
                            recoveryNote: string | null;
                            /**
                             * @description what the recording country reported (kept once recovered)
                             * @enum {string}
                             */
                            reportedStatus: "lost" | "stolen" | "trafficked" | "smuggled";
                            serial: string;
                            serialKey: string;
                            /** @enum {string} */
                            status: "lost" | "stolen" | "trafficked" | "smuggled" | "recovered";
                            /** Format: date-time */
                            updatedAt: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/firearms/references": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The Firearms Reference Table, by make and model */
        get: {
            parameters: {
                query?: {
                    afterId?: number;
                    includeWithdrawn?: boolean;
                    limit?: number;
                    make?: string;
                    /** @description substring of make, model or calibre */
                    q?: string;
                    type?: "pistol" | "revolver" | "rifle" | "shotgun" | "carbine" | "submachine_gun" | "machine_gun" | "other";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            nextAfterId: number | null;
                            references: {
                                /** @description false: withdrawn from the table */
                                active: boolean;
                                calibre: string;
                                countryOfManufacture: string | null;
                                /** Format: date-time */
                                createdAt: string | null;
                                id: number;
                                make: string;
                                model: string;
                                /** @enum {string} */
                                type: "pistol" | "revolver" | "rifle" | "shotgun" | "carbine" | "submachine_gun" | "machine_gun" | "other";
                                /** Format: date-time */
                                updatedAt: string | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Add a reference table entry (General Secretariat analysts and administrators) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        calibre?: string;
                        /** @description ISO 3166-1 alpha-2 */
                        countryOfManufacture?: string | null;
                        make: string;
                        model?: string;
                        /** @enum {string} */
                        type: "pistol" | "revolver" | "rifle" | "shotgun" | "carbine" | "submachine_gun" | "machine_gun" | "other";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description false: withdrawn from the table */
                            active: boolean;
                            calibre: string;
                            countryOfManufacture: string | null;
                            /** Format: date-time */
                            createdAt: string | null;
                            id: number;
                            make: string;
                            model: string;
                            /** @enum {string} */
                            type: "pistol" | "revolver" | "rifle" | "shotgun" | "carbine" | "submachine_gun" | "machine_gun" | "other";
                            /** Format: date-time */
                            updatedAt: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/firearms/references/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A reference table entry */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description false: withdrawn from the table */
                            active: boolean;
                            calibre: string;
                            countryOfManufacture: string | null;
                            /** Format: date-time */
                            createdAt: string | null;
                            id: number;
                            make: string;
                            model: string;
                            /** @enum {string} */
                            type: "pistol" | "revolver" | "rifle" | "shotgun" | "carbine" | "submachine_gun" | "machine_gun" | "other";
                            /** Format: date-time */
                            updatedAt: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Correct or withdraw (active: false) a reference table entry (General Secretariat) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        active?: boolean;
                        calibre?: string;
                        /** @description ISO 3166-1 alpha-2 */
                        countryOfManufacture?: string | null;
                        make?: string;
                        model?: string;
                        /** @enum {string} */
                        type?: "pistol" | "revolver" | "rifle" | "shotgun" | "carbine" | "submachine_gun" | "machine_gun" | "other";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description false: withdrawn from the table */
                            active: boolean;
                            calibre: string;
                            countryOfManufacture: string | null;
                            /** Format: date-time */
                            createdAt: string | null;
                            id: number;
                            make: string;
                            model: string;
                            /** @enum {string} */
                            type: "pistol" | "revolver" | "rifle" | "shotgun" | "carbine" | "submachine_gun" | "machine_gun" | "other";
                            /** Format: date-time */
                            updatedAt: string | null;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/firearms/searches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My country's searches and their results, newest first */
        get: {
            parameters: {
                query?: {
                    afterId?: number;
                    hit?: boolean;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            nextAfterId: number | null;
                            searches: {
                                hit: boolean;
                                hits: {
                                    /** @description the recording country's NCB */
                                    contact: string | null;
                                    /** Format: date */
                                    eventDate: string | null;
                                    firearm: {
                                        calibre: string;
                                        countryOfManufacture: string | null;
                                        make: string;
                                        model: string;
                                        referenceId: number;
                                        /** @enum {string} */
                                        type: "pistol" | "revolver" | "rifle" | "shotgun" | "carbine" | "submachine_gun" | "machine_gun" | "other";
                                    };
                                    importerCountry: string | null;
                                    recordId: number;
                                    recordingCountry: string;
                                    /**
                                     * @description what the recording country reported (kept once recovered)
                                     * @enum {string}
                                     */
                                    reportedStatus: "lost" | "stolen" | "trafficked" | "smuggled";
                                    serial: string;
                                    /** @enum {string} */
                                    status: "lost" | "stolen" | "trafficked" | "smuggled" | "recovered";
                                }[];
                                id: number;
                                make: string | null;
                                /** Format: date-time */
                                searchedAt: string | null;
                                searchingCountry: string;
                                serial: string;
                                serialKey: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Search wanted firearms by serial number (and make); a hit notifies the hub, your NCB and the recording NCB */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        make?: string;
                        /** @description as marked; compared upper-cased without spaces or dashes */
                        serial: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            hit: boolean;
                            hits: {
                                /** @description the recording country's NCB */
                                contact: string | null;
                                /** Format: date */
                                eventDate: string | null;
                                firearm: {
                                    calibre: string;
                                    countryOfManufacture: string | null;
                                    make: string;
                                    model: string;
                                    referenceId: number;
                                    /** @enum {string} */
                                    type: "pistol" | "revolver" | "rifle" | "shotgun" | "carbine" | "submachine_gun" | "machine_gun" | "other";
                                };
                                importerCountry: string | null;
                                recordId: number;
                                recordingCountry: string;
                                /**
                                 * @description what the recording country reported (kept once recovered)
                                 * @enum {string}
                                 */
                                reportedStatus: "lost" | "stolen" | "trafficked" | "smuggled";
                                serial: string;
                                /** @enum {string} */
                                status: "lost" | "stolen" | "trafficked" | "smuggled" | "recovered";
                            }[];
                            id: number;
                            make: string | null;
                            /** Format: date-time */
                            searchedAt: string | null;
                            searchingCountry: string;
                            serial: string;
                            serialKey: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/firearms/searches/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A search and its result */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            hit: boolean;
                            hits: {
                                /** @description the recording country's NCB */
                                contact: string | null;
                                /** Format: date */
                                eventDate: string | null;
                                firearm: {
                                    calibre: string;
                                    countryOfManufacture: string | null;
                                    make: string;
                                    model: string;
                                    referenceId: number;
                                    /** @enum {string} */
                                    type: "pistol" | "revolver" | "rifle" | "shotgun" | "carbine" | "submachine_gun" | "machine_gun" | "other";
                                };
                                importerCountry: string | null;
                                recordId: number;
                                recordingCountry: string;
                                /**
                                 * @description what the recording country reported (kept once recovered)
                                 * @enum {string}
                                 */
                                reportedStatus: "lost" | "stolen" | "trafficked" | "smuggled";
                                serial: string;
                                /** @enum {string} */
                                status: "lost" | "stolen" | "trafficked" | "smuggled" | "recovered";
                            }[];
                            id: number;
                            make: string | null;
                            /** Format: date-time */
                            searchedAt: string | null;
                            searchingCountry: string;
                            serial: string;
                            serialKey: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/firearms/traces": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Trace requests my country sent or received, newest first */
        get: {
            parameters: {
                query?: {
                    afterId?: number;
                    box?: "sent" | "received";
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            nextAfterId: number | null;
                            traces: {
                                /** Format: date-time */
                                createdAt: string | null;
                                firearm: {
                                    /** @description false: withdrawn from the table */
                                    active: boolean;
                                    calibre: string;
                                    countryOfManufacture: string | null;
                                    /** Format: date-time */
                                    createdAt: string | null;
                                    id: number;
                                    make: string;
                                    model: string;
                                    /** @enum {string} */
                                    type: "pistol" | "revolver" | "rifle" | "shotgun" | "carbine" | "submachine_gun" | "machine_gun" | "other";
                                    /** Format: date-time */
                                    updatedAt: string | null;
                                } | null;
                                id: number;
                                note: string;
                                recipients: {
                                    /** Format: date-time */
                                    answeredAt: string | null;
                                    basis: ("manufacture" | "importer")[];
                                    country: string;
                                    history: string | null;
                                    /** @enum {string} */
                                    status: "pending" | "found" | "not_found";
                                }[];
                                requestingAgencyId: number;
                                requestingCountry: string;
                                searchId: number;
                                serial: string;
                                serialKey: string;
                                /** @enum {string} */
                                status: "open" | "answered";
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Ask the country of manufacture and/or of the last legal importer for a searched firearm's history */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description default: the hit record's last legal importer */
                        importerCountry?: string;
                        /** @description default: the reference entry's country of manufacture */
                        manufactureCountry?: string;
                        note?: string;
                        /** @description the firearm, when the search had no hit */
                        referenceId?: number;
                        searchId: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string | null;
                            firearm: {
                                /** @description false: withdrawn from the table */
                                active: boolean;
                                calibre: string;
                                countryOfManufacture: string | null;
                                /** Format: date-time */
                                createdAt: string | null;
                                id: number;
                                make: string;
                                model: string;
                                /** @enum {string} */
                                type: "pistol" | "revolver" | "rifle" | "shotgun" | "carbine" | "submachine_gun" | "machine_gun" | "other";
                                /** Format: date-time */
                                updatedAt: string | null;
                            } | null;
                            id: number;
                            note: string;
                            recipients: {
                                /** Format: date-time */
                                answeredAt: string | null;
                                basis: ("manufacture" | "importer")[];
                                country: string;
                                history: string | null;
                                /** @enum {string} */
                                status: "pending" | "found" | "not_found";
                            }[];
                            requestingAgencyId: number;
                            requestingCountry: string;
                            searchId: number;
                            serial: string;
                            serialKey: string;
                            /** @enum {string} */
                            status: "open" | "answered";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/firearms/traces/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A trace request and its answers */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string | null;
                            firearm: {
                                /** @description false: withdrawn from the table */
                                active: boolean;
                                calibre: string;
                                countryOfManufacture: string | null;
                                /** Format: date-time */
                                createdAt: string | null;
                                id: number;
                                make: string;
                                model: string;
                                /** @enum {string} */
                                type: "pistol" | "revolver" | "rifle" | "shotgun" | "carbine" | "submachine_gun" | "machine_gun" | "other";
                                /** Format: date-time */
                                updatedAt: string | null;
                            } | null;
                            id: number;
                            note: string;
                            recipients: {
                                /** Format: date-time */
                                answeredAt: string | null;
                                basis: ("manufacture" | "importer")[];
                                country: string;
                                history: string | null;
                                /** @enum {string} */
                                status: "pending" | "found" | "not_found";
                            }[];
                            requestingAgencyId: number;
                            requestingCountry: string;
                            searchId: number;
                            serial: string;
                            serialKey: string;
                            /** @enum {string} */
                            status: "open" | "answered";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/firearms/traces/{id}/answer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Answer a trace request addressed to my country (NCB officers): found, with the history, or not found */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        history?: string;
                        /** @enum {string} */
                        result: "found" | "not_found";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string | null;
                            firearm: {
                                /** @description false: withdrawn from the table */
                                active: boolean;
                                calibre: string;
                                countryOfManufacture: string | null;
                                /** Format: date-time */
                                createdAt: string | null;
                                id: number;
                                make: string;
                                model: string;
                                /** @enum {string} */
                                type: "pistol" | "revolver" | "rifle" | "shotgun" | "carbine" | "submachine_gun" | "machine_gun" | "other";
                                /** Format: date-time */
                                updatedAt: string | null;
                            } | null;
                            id: number;
                            note: string;
                            recipients: {
                                /** Format: date-time */
                                answeredAt: string | null;
                                basis: ("manufacture" | "importer")[];
                                country: string;
                                history: string | null;
                                /** @enum {string} */
                                status: "pending" | "found" | "not_found";
                            }[];
                            requestingAgencyId: number;
                            requestingCountry: string;
                            searchId: number;
                            serial: string;
                            serialKey: string;
                            /** @enum {string} */
                            status: "open" | "answered";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hma/c/bank/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** HMA a bank */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        /** HMA update a bank */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        enabled?: boolean;
                        enabled_ratio?: number;
                        name?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        post?: never;
        /** HMA delete a bank */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hma/c/bank/{name}/content": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** HMA add an uploaded file to a bank (hashed here, bytes not kept); form fields metadata (JSON) and note */
        post: {
            parameters: {
                query?: {
                    url?: string;
                };
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hma/c/bank/{name}/content/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** HMA one bank entry (BankContentResponse) */
        get: {
            parameters: {
                query?: {
                    include_metadata?: string;
                    include_signals?: string;
                    signal_type?: string;
                };
                header?: never;
                path: {
                    id: number;
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        /** HMA update bank content: disable_until_ts (0 disabled, 1 enabled, else a Unix time), note */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                    name: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        disable_until_ts?: number | string;
                        note?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        post?: never;
        /** HMA remove an entry from a bank */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hma/c/bank/{name}/signal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** HMA add hashes to a bank: {"pdq": "…", "note": "…"} */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        [key: string]: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hma/c/banks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** HMA banks I may see */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        /** HMA create a bank */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string;
                        enabled?: boolean | string;
                        enabled_ratio?: number;
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hma/c/content_type": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** HMA content types */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hma/c/exchange/{exchange}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** HMA one exchange (none exist) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    exchange: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hma/c/exchanges": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** HMA exchanges (none: no network) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        /** HMA create an exchange: refused (no network) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hma/c/exchanges/apis": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** HMA exchange APIs (none: no network) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hma/c/signal_type": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** HMA signal types */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hma/c/signal_type/index": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** HMA index build status per signal type */
        get: {
            parameters: {
                query?: {
                    signal_type?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hma/h/hash": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** HMA GET /h/hash: refused (no URL fetching) */
        get: {
            parameters: {
                query?: {
                    url?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        /** HMA POST /h/hash: hash one uploaded file (multipart field photo or video); PDQ of the pixels as stored as HMA computes it, upright=true for the EXIF-rotated image */
        post: {
            parameters: {
                query?: {
                    types?: string;
                    upright?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hma/m/compare": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** HMA compare: distance between pairs of hashes */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        [key: string]: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hma/m/index/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** HMA index status by signal type */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hma/m/lookup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** HMA lookup: matches by bank for a signal (banks and the media you may see, as ICSE_MEDIA) */
        get: {
            parameters: {
                query?: {
                    banks?: string;
                    bypass_coinflip?: string;
                    content_type?: string;
                    include_distance?: string;
                    seed?: string;
                    signal?: string;
                    signal_type?: string;
                    types?: string;
                    url?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        /** HMA lookup of an uploaded file: {signal_type: {bank: matches}} */
        post: {
            parameters: {
                query?: {
                    banks?: string;
                    bypass_coinflip?: string;
                    content_type?: string;
                    include_distance?: string;
                    seed?: string;
                    signal?: string;
                    signal_type?: string;
                    types?: string;
                    url?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hma/m/raw_lookup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** HMA raw_lookup: bank content ids matching a signal */
        get: {
            parameters: {
                query?: {
                    banks?: string;
                    bypass_coinflip?: string;
                    content_type?: string;
                    include_distance?: string;
                    seed?: string;
                    signal?: string;
                    signal_type?: string;
                    types?: string;
                    url?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hma/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** HMA /status: I-AM-ALIVE */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hma/status/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** HMA /status/live: I-AM-ALIVE */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/home/seizures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My agency's seizures, newest first, with their counts (known near, new and errors are what is left to review) */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            seizures: {
                                caseId: number;
                                caseReference: string;
                                /** Format: date-time */
                                completedAt: string | null;
                                counts: {
                                    done: number;
                                    duplicates: number;
                                    error: number;
                                    items: number;
                                    knownExact: number;
                                    knownNear: number;
                                    new: number;
                                    pending: number;
                                    processing: number;
                                };
                                /** Format: date-time */
                                createdAt: string;
                                description: string;
                                /** @enum {string} */
                                distribution: "agency" | "country" | "countries" | "all";
                                hashOnly: boolean;
                                id: number;
                                label: string;
                                ownerAgencyId: number;
                                ownerCountry: string;
                                /** @description per cent of items finished */
                                progress: number;
                                sharedWith: string[];
                                /** @enum {string} */
                                status: "receiving" | "processing" | "complete";
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/interchange/banks/{name}/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Import a hash list into a named bank (multipart: file; fields kind=sha256|pdq for bare 64-hex lists, create=true to create the bank) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/interchange/banks/lookup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Bank entries matching hashes (exact, and PDQ within the threshold, default 31) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        md5?: string;
                        pdq?: string;
                        sha1?: string;
                        sha256?: string;
                        threshold?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/interchange/cases/{id}/vics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A case as a VICS JSON document (2.0 by default). layout=media: the #Media hash set IPED imports; country: the 2.0 path (Default, US, UK); scheme: category numbering (1.3 default DHS, 2.0 default US) */
        get: {
            parameters: {
                query?: {
                    country?: "Default" | "US" | "UK";
                    layout?: "cases" | "media";
                    scheme?: "US" | "DHS";
                    version?: "1.3" | "2.0";
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/interchange/hashes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Hash list of the media you may see: ICSE CSV (IPED), pdq (one hash a line), te (`pdq <hash>` / `video_md5 <md5>`: python-threatexchange file exchange), pdq-quality (hash,quality,id), or plain MD5 / SHA-1 */
        get: {
            parameters: {
                query?: {
                    baseline?: boolean;
                    caseId?: number;
                    category?: number;
                    format?: "icse" | "pdq" | "te" | "pdq-quality" | "md5" | "sha1";
                    mediaType?: "image" | "video";
                    offenderIdentified?: boolean;
                    seriesId?: number;
                    victimIdentified?: boolean;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/interchange/vics/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Import a VICS 1.x / 2.0 JSON file (multipart: file; optional fields caseId, scheme US|DHS|UK, distribution): hash-only contributions and a per-item report */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/media/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A medium: hashes, dimensions, EXIF (camera, date, GPS), series, links, categorisation votes, comments count */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            camera: {
                                make: string | null;
                                model: string | null;
                                serial: string | null;
                            };
                            cameraMake: string | null;
                            cameraModel: string | null;
                            capturedAt: string | null;
                            categorisation: {
                                consensus: number | null;
                                consensusLabel: string | null;
                                myVote: number | null;
                                rule: string;
                                /** @enum {string} */
                                status: "pending" | "agreed";
                                tally: {
                                    [key: string]: number;
                                };
                                votes: {
                                    analyst: string | null;
                                    at: string;
                                    category: number;
                                    country: string;
                                    mine: boolean;
                                }[];
                            };
                            category: number | null;
                            commentsCount: number;
                            /** @description URL of the full image or video (audited), null when only hashes are held */
                            content: string | null;
                            createdAt: string | null;
                            /** @enum {string} */
                            distribution: "agency" | "country" | "countries" | "all";
                            durationSeconds: number | null;
                            /** @description the EXIF tags read at ingest */
                            exif: {
                                [key: string]: unknown;
                            };
                            format: string | null;
                            gps: {
                                lat: number;
                                lon: number;
                            } | null;
                            hashOnly: boolean;
                            height: number | null;
                            id: number;
                            /** @description victims, offenders and places it is linked to that the caller may see */
                            links: {
                                entityId: number;
                                entityType: string;
                                title: string | null;
                            }[];
                            md5: string | null;
                            /** @enum {string} */
                            mediaType: "image" | "video";
                            ownerAgencyId: number;
                            ownerCountry: string;
                            pdq: string | null;
                            pdqQuality: number | null;
                            series: {
                                id: number;
                                name: string;
                                number: string;
                                status: string;
                            } | null;
                            /** @description null also where the series is not visible to the caller */
                            seriesId: number | null;
                            sha1: string | null;
                            sha256: string;
                            sharedWith: string[];
                            sizeBytes: number | null;
                            /** @description the bytes are held (not hash-only) */
                            stored: boolean;
                            thumbnail: string | null;
                            width: number | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/media/{id}/category": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Categorisation votes (VICS US: 0 non-pertinent, 1 CAM, 2 exploitive/age difficult, 3 CGI, 4 comparison) and consensus */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            consensus: number | null;
                            consensusLabel: string | null;
                            myVote: number | null;
                            rule: string;
                            /** @enum {string} */
                            status: "pending" | "agreed";
                            tally: {
                                [key: string]: number;
                            };
                            votes: {
                                analyst: string | null;
                                at: string;
                                category: number;
                                country: string;
                                mine: boolean;
                            }[];
                        };
                    };
                };
            };
        };
        /** Cast or change my vote (null withdraws it); consensus = at least 2 agreeing votes forming a strict majority */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        category: number | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            consensus: number | null;
                            consensusLabel: string | null;
                            myVote: number | null;
                            rule: string;
                            /** @enum {string} */
                            status: "pending" | "agreed";
                            tally: {
                                [key: string]: number;
                            };
                            votes: {
                                analyst: string | null;
                                at: string;
                                category: number;
                                country: string;
                                mine: boolean;
                            }[];
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/media/{id}/content": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The full image of a visible medium (audited as media.view_full) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/media/{id}/links/{entityType}/{entityId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Link a medium to a victim, offender or place (owner of the record) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    entityId: number;
                    entityType: "victim" | "offender" | "place";
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            entityId: number;
                            /** @enum {string} */
                            entityType: "victim" | "offender" | "place";
                            linked: boolean;
                            mediaId: number;
                        };
                    };
                };
            };
        };
        post?: never;
        /** Remove a link */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    entityId: number;
                    entityType: "victim" | "offender" | "place";
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            entityId: number;
                            /** @enum {string} */
                            entityType: "victim" | "offender" | "place";
                            linked: boolean;
                            mediaId: number;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/media/{id}/place-links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Same-scene links of a medium (suggested, confirmed, rejected); hidden media only name their owner country */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/media/{id}/thumbnail": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Thumbnail (256 px JPEG; a video's poster frame) of a visible medium */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Notices and diffusions I can see, newest first */
        get: {
            parameters: {
                query?: {
                    afterId?: number;
                    channel?: "notice" | "diffusion";
                    kind?: "yellow" | "green";
                    limit?: number;
                    offenderId?: number;
                    /** @description name or forename (substring) or entity id */
                    q?: string;
                    status?: "draft" | "submitted" | "published" | "refused" | "cancelled";
                    victimId?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            notices: {
                                /** @description what the caller may do with it now */
                                actions: ("update" | "submit" | "review" | "cancel" | "extract")[];
                                cancelReason: string | null;
                                /** @enum {string} */
                                channel: "notice" | "diffusion";
                                /** Format: date-time */
                                createdAt: string;
                                /** @description YYYY/NNNN once published */
                                entityId: string | null;
                                id: number;
                                /** @enum {string} */
                                kind: "yellow" | "green";
                                /** @description null where the caller may not see the offender */
                                offenderId: number | null;
                                publicExtract: boolean;
                                /** Format: date-time */
                                publishedAt: string | null;
                                recipients: string[];
                                requesterConsent: boolean;
                                requestingAgencyId: number;
                                requestingCountry: string;
                                /**
                                 * Format: date-time
                                 * @description only for the requesting country and the hub
                                 */
                                reviewedAt?: string | null;
                                /** @description only for the requesting country and the hub */
                                reviewNote?: string | null;
                                /** @enum {string} */
                                status: "draft" | "submitted" | "published" | "refused" | "cancelled";
                                subject: {
                                    /** @description YYYY, YYYY-MM or YYYY-MM-DD */
                                    date_of_birth?: string;
                                    /** @description YYYY, YYYY-MM or YYYY-MM-DD */
                                    date_of_event?: string;
                                    distinguishing_marks?: string;
                                    eyes_colors_id?: string[];
                                    forename?: string;
                                    hairs_id?: string[];
                                    /** @description metres */
                                    height?: number;
                                    languages_spoken_ids?: string[];
                                    name?: string;
                                    nationalities?: string[];
                                    place?: string;
                                    place_of_birth?: string;
                                    /** @enum {string} */
                                    sex_id?: "M" | "F" | "U";
                                    /** @description kilograms */
                                    weight?: number;
                                };
                                summary: string;
                                /** Format: date-time */
                                updatedAt: string;
                                /** @description null where the caller may not see the victim */
                                victimId: number | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Draft a yellow or green notice request, or a diffusion to named countries (NCB officers) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        channel?: "notice" | "diffusion";
                        /** @enum {string} */
                        kind: "yellow" | "green";
                        offenderId?: number | null;
                        /** @description yellow notices: ask for a public extract */
                        publicExtract?: boolean;
                        /** @description diffusions: the countries it goes to */
                        recipients?: string[];
                        /** @description the requesting NCB consents to the public extract */
                        requesterConsent?: boolean;
                        subject: {
                            /** @description YYYY, YYYY-MM or YYYY-MM-DD */
                            date_of_birth?: string;
                            /** @description YYYY, YYYY-MM or YYYY-MM-DD */
                            date_of_event?: string;
                            distinguishing_marks?: string;
                            eyes_colors_id?: string[];
                            forename?: string;
                            hairs_id?: string[];
                            /** @description metres */
                            height?: number;
                            languages_spoken_ids?: string[];
                            name?: string;
                            nationalities?: string[];
                            place?: string;
                            place_of_birth?: string;
                            /** @enum {string} */
                            sex_id?: "M" | "F" | "U";
                            /** @description kilograms */
                            weight?: number;
                        };
                        summary?: string;
                        victimId?: number | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description what the caller may do with it now */
                            actions: ("update" | "submit" | "review" | "cancel" | "extract")[];
                            cancelReason: string | null;
                            /** @enum {string} */
                            channel: "notice" | "diffusion";
                            /** Format: date-time */
                            createdAt: string;
                            /** @description YYYY/NNNN once published */
                            entityId: string | null;
                            id: number;
                            /** @enum {string} */
                            kind: "yellow" | "green";
                            /** @description null where the caller may not see the offender */
                            offenderId: number | null;
                            publicExtract: boolean;
                            /** Format: date-time */
                            publishedAt: string | null;
                            recipients: string[];
                            requesterConsent: boolean;
                            requestingAgencyId: number;
                            requestingCountry: string;
                            /**
                             * Format: date-time
                             * @description only for the requesting country and the hub
                             */
                            reviewedAt?: string | null;
                            /** @description only for the requesting country and the hub */
                            reviewNote?: string | null;
                            /** @enum {string} */
                            status: "draft" | "submitted" | "published" | "refused" | "cancelled";
                            subject: {
                                /** @description YYYY, YYYY-MM or YYYY-MM-DD */
                                date_of_birth?: string;
                                /** @description YYYY, YYYY-MM or YYYY-MM-DD */
                                date_of_event?: string;
                                distinguishing_marks?: string;
                                eyes_colors_id?: string[];
                                forename?: string;
                                hairs_id?: string[];
                                /** @description metres */
                                height?: number;
                                languages_spoken_ids?: string[];
                                name?: string;
                                nationalities?: string[];
                                place?: string;
                                place_of_birth?: string;
                                /** @enum {string} */
                                sex_id?: "M" | "F" | "U";
                                /** @description kilograms */
                                weight?: number;
                            };
                            summary: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description null where the caller may not see the victim */
                            victimId: number | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notices/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A notice */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description what the caller may do with it now */
                            actions: ("update" | "submit" | "review" | "cancel" | "extract")[];
                            cancelReason: string | null;
                            /** @enum {string} */
                            channel: "notice" | "diffusion";
                            /** Format: date-time */
                            createdAt: string;
                            /** @description YYYY/NNNN once published */
                            entityId: string | null;
                            id: number;
                            /** @enum {string} */
                            kind: "yellow" | "green";
                            /** @description null where the caller may not see the offender */
                            offenderId: number | null;
                            publicExtract: boolean;
                            /** Format: date-time */
                            publishedAt: string | null;
                            recipients: string[];
                            requesterConsent: boolean;
                            requestingAgencyId: number;
                            requestingCountry: string;
                            /**
                             * Format: date-time
                             * @description only for the requesting country and the hub
                             */
                            reviewedAt?: string | null;
                            /** @description only for the requesting country and the hub */
                            reviewNote?: string | null;
                            /** @enum {string} */
                            status: "draft" | "submitted" | "published" | "refused" | "cancelled";
                            subject: {
                                /** @description YYYY, YYYY-MM or YYYY-MM-DD */
                                date_of_birth?: string;
                                /** @description YYYY, YYYY-MM or YYYY-MM-DD */
                                date_of_event?: string;
                                distinguishing_marks?: string;
                                eyes_colors_id?: string[];
                                forename?: string;
                                hairs_id?: string[];
                                /** @description metres */
                                height?: number;
                                languages_spoken_ids?: string[];
                                name?: string;
                                nationalities?: string[];
                                place?: string;
                                place_of_birth?: string;
                                /** @enum {string} */
                                sex_id?: "M" | "F" | "U";
                                /** @description kilograms */
                                weight?: number;
                            };
                            summary: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description null where the caller may not see the victim */
                            victimId: number | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a draft or refused request (its NCB); a refused one becomes a draft again */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        offenderId?: number | null;
                        /** @description yellow notices: ask for a public extract */
                        publicExtract?: boolean;
                        /** @description diffusions: the countries it goes to */
                        recipients?: string[];
                        /** @description the requesting NCB consents to the public extract */
                        requesterConsent?: boolean;
                        subject?: {
                            /** @description YYYY, YYYY-MM or YYYY-MM-DD */
                            date_of_birth?: string;
                            /** @description YYYY, YYYY-MM or YYYY-MM-DD */
                            date_of_event?: string;
                            distinguishing_marks?: string;
                            eyes_colors_id?: string[];
                            forename?: string;
                            hairs_id?: string[];
                            /** @description metres */
                            height?: number;
                            languages_spoken_ids?: string[];
                            name?: string;
                            nationalities?: string[];
                            place?: string;
                            place_of_birth?: string;
                            /** @enum {string} */
                            sex_id?: "M" | "F" | "U";
                            /** @description kilograms */
                            weight?: number;
                        };
                        summary?: string;
                        victimId?: number | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description what the caller may do with it now */
                            actions: ("update" | "submit" | "review" | "cancel" | "extract")[];
                            cancelReason: string | null;
                            /** @enum {string} */
                            channel: "notice" | "diffusion";
                            /** Format: date-time */
                            createdAt: string;
                            /** @description YYYY/NNNN once published */
                            entityId: string | null;
                            id: number;
                            /** @enum {string} */
                            kind: "yellow" | "green";
                            /** @description null where the caller may not see the offender */
                            offenderId: number | null;
                            publicExtract: boolean;
                            /** Format: date-time */
                            publishedAt: string | null;
                            recipients: string[];
                            requesterConsent: boolean;
                            requestingAgencyId: number;
                            requestingCountry: string;
                            /**
                             * Format: date-time
                             * @description only for the requesting country and the hub
                             */
                            reviewedAt?: string | null;
                            /** @description only for the requesting country and the hub */
                            reviewNote?: string | null;
                            /** @enum {string} */
                            status: "draft" | "submitted" | "published" | "refused" | "cancelled";
                            subject: {
                                /** @description YYYY, YYYY-MM or YYYY-MM-DD */
                                date_of_birth?: string;
                                /** @description YYYY, YYYY-MM or YYYY-MM-DD */
                                date_of_event?: string;
                                distinguishing_marks?: string;
                                eyes_colors_id?: string[];
                                forename?: string;
                                hairs_id?: string[];
                                /** @description metres */
                                height?: number;
                                languages_spoken_ids?: string[];
                                name?: string;
                                nationalities?: string[];
                                place?: string;
                                place_of_birth?: string;
                                /** @enum {string} */
                                sex_id?: "M" | "F" | "U";
                                /** @description kilograms */
                                weight?: number;
                            };
                            summary: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description null where the caller may not see the victim */
                            victimId: number | null;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/notices/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Withdraw a notice or diffusion (its NCB), e.g. the person was found */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description what the caller may do with it now */
                            actions: ("update" | "submit" | "review" | "cancel" | "extract")[];
                            cancelReason: string | null;
                            /** @enum {string} */
                            channel: "notice" | "diffusion";
                            /** Format: date-time */
                            createdAt: string;
                            /** @description YYYY/NNNN once published */
                            entityId: string | null;
                            id: number;
                            /** @enum {string} */
                            kind: "yellow" | "green";
                            /** @description null where the caller may not see the offender */
                            offenderId: number | null;
                            publicExtract: boolean;
                            /** Format: date-time */
                            publishedAt: string | null;
                            recipients: string[];
                            requesterConsent: boolean;
                            requestingAgencyId: number;
                            requestingCountry: string;
                            /**
                             * Format: date-time
                             * @description only for the requesting country and the hub
                             */
                            reviewedAt?: string | null;
                            /** @description only for the requesting country and the hub */
                            reviewNote?: string | null;
                            /** @enum {string} */
                            status: "draft" | "submitted" | "published" | "refused" | "cancelled";
                            subject: {
                                /** @description YYYY, YYYY-MM or YYYY-MM-DD */
                                date_of_birth?: string;
                                /** @description YYYY, YYYY-MM or YYYY-MM-DD */
                                date_of_event?: string;
                                distinguishing_marks?: string;
                                eyes_colors_id?: string[];
                                forename?: string;
                                hairs_id?: string[];
                                /** @description metres */
                                height?: number;
                                languages_spoken_ids?: string[];
                                name?: string;
                                nationalities?: string[];
                                place?: string;
                                place_of_birth?: string;
                                /** @enum {string} */
                                sex_id?: "M" | "F" | "U";
                                /** @description kilograms */
                                weight?: number;
                            };
                            summary: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description null where the caller may not see the victim */
                            victimId: number | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notices/{id}/extract": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The public extract of a published yellow notice (only with the requesting country's consent) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notices/{id}/review": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Compliance review by the General Secretariat: publish (numbered YYYY/NNNN) or refuse with a reason */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        decision: "publish" | "refuse";
                        note?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description what the caller may do with it now */
                            actions: ("update" | "submit" | "review" | "cancel" | "extract")[];
                            cancelReason: string | null;
                            /** @enum {string} */
                            channel: "notice" | "diffusion";
                            /** Format: date-time */
                            createdAt: string;
                            /** @description YYYY/NNNN once published */
                            entityId: string | null;
                            id: number;
                            /** @enum {string} */
                            kind: "yellow" | "green";
                            /** @description null where the caller may not see the offender */
                            offenderId: number | null;
                            publicExtract: boolean;
                            /** Format: date-time */
                            publishedAt: string | null;
                            recipients: string[];
                            requesterConsent: boolean;
                            requestingAgencyId: number;
                            requestingCountry: string;
                            /**
                             * Format: date-time
                             * @description only for the requesting country and the hub
                             */
                            reviewedAt?: string | null;
                            /** @description only for the requesting country and the hub */
                            reviewNote?: string | null;
                            /** @enum {string} */
                            status: "draft" | "submitted" | "published" | "refused" | "cancelled";
                            subject: {
                                /** @description YYYY, YYYY-MM or YYYY-MM-DD */
                                date_of_birth?: string;
                                /** @description YYYY, YYYY-MM or YYYY-MM-DD */
                                date_of_event?: string;
                                distinguishing_marks?: string;
                                eyes_colors_id?: string[];
                                forename?: string;
                                hairs_id?: string[];
                                /** @description metres */
                                height?: number;
                                languages_spoken_ids?: string[];
                                name?: string;
                                nationalities?: string[];
                                place?: string;
                                place_of_birth?: string;
                                /** @enum {string} */
                                sex_id?: "M" | "F" | "U";
                                /** @description kilograms */
                                weight?: number;
                            };
                            summary: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description null where the caller may not see the victim */
                            victimId: number | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notices/{id}/submit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a notice to the General Secretariat for review, or circulate a diffusion; checks the minimum particulars */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description what the caller may do with it now */
                            actions: ("update" | "submit" | "review" | "cancel" | "extract")[];
                            cancelReason: string | null;
                            /** @enum {string} */
                            channel: "notice" | "diffusion";
                            /** Format: date-time */
                            createdAt: string;
                            /** @description YYYY/NNNN once published */
                            entityId: string | null;
                            id: number;
                            /** @enum {string} */
                            kind: "yellow" | "green";
                            /** @description null where the caller may not see the offender */
                            offenderId: number | null;
                            publicExtract: boolean;
                            /** Format: date-time */
                            publishedAt: string | null;
                            recipients: string[];
                            requesterConsent: boolean;
                            requestingAgencyId: number;
                            requestingCountry: string;
                            /**
                             * Format: date-time
                             * @description only for the requesting country and the hub
                             */
                            reviewedAt?: string | null;
                            /** @description only for the requesting country and the hub */
                            reviewNote?: string | null;
                            /** @enum {string} */
                            status: "draft" | "submitted" | "published" | "refused" | "cancelled";
                            subject: {
                                /** @description YYYY, YYYY-MM or YYYY-MM-DD */
                                date_of_birth?: string;
                                /** @description YYYY, YYYY-MM or YYYY-MM-DD */
                                date_of_event?: string;
                                distinguishing_marks?: string;
                                eyes_colors_id?: string[];
                                forename?: string;
                                hairs_id?: string[];
                                /** @description metres */
                                height?: number;
                                languages_spoken_ids?: string[];
                                name?: string;
                                nationalities?: string[];
                                place?: string;
                                place_of_birth?: string;
                                /** @enum {string} */
                                sex_id?: "M" | "F" | "U";
                                /** @description kilograms */
                                weight?: number;
                            };
                            summary: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description null where the caller may not see the victim */
                            victimId: number | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My inbox: notifications to me, my agency or my country, newest first */
        get: {
            parameters: {
                query?: {
                    afterId?: number;
                    kind?: string;
                    limit?: number;
                    unreadOnly?: boolean;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            nextAfterId: number | null;
                            notifications: {
                                /** @enum {string} */
                                addressedTo: "me" | "agency" | "country";
                                body: string;
                                /** Format: date-time */
                                createdAt: string;
                                /** @description what the notification is about (ids), per kind */
                                data: unknown;
                                id: number;
                                kind: string;
                                link: string | null;
                                read: boolean;
                                /** Format: date-time */
                                readAt: string | null;
                                title: string;
                            }[];
                            unread: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/{id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark one notification read (for me) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark the given notifications, or all of mine, read */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        ids?: number[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/unread-count": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How many of my notifications are unread */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/offenders/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A offender, with the visible media linked to it */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description places */
                            clues?: string;
                            /** @description places */
                            countryGuess?: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description places */
                            description?: string;
                            /** @enum {string} */
                            distribution: "agency" | "country" | "countries" | "all";
                            id: number;
                            /** @description victims and offenders */
                            identified?: boolean;
                            /**
                             * Format: date
                             * @description victims and offenders
                             */
                            identifiedAt?: string | null;
                            /** @description victims and offenders */
                            identifiedByCountry?: string | null;
                            /** @description victims and offenders */
                            label?: string;
                            /** @description reads: the linked media the caller may see */
                            mediaIds?: number[];
                            /** @description victims and offenders */
                            notes?: string;
                            ownerAgencyId: number;
                            ownerCountry: string;
                            /** @description victims */
                            rescued?: boolean;
                            /**
                             * Format: date
                             * @description victims
                             */
                            rescuedAt?: string | null;
                            seriesId: number;
                            sharedWith: string[];
                            /** @enum {string} */
                            type: "victim" | "offender" | "place";
                            /**
                             * Format: date-time
                             * @description victims and offenders
                             */
                            updatedAt?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a offender and its media links (owning agency) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            deleted: number;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a offender (owning agency) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description agency only / country only / named countries / all member countries
                         * @enum {string}
                         */
                        distribution?: "agency" | "country" | "countries" | "all";
                        /** @enum {boolean} */
                        identified?: false;
                        /** @description working label, e.g. "Victim A (blue dress)" */
                        label?: string;
                        notes?: string;
                        /** @description countries named when distribution = countries */
                        sharedWith?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description places */
                            clues?: string;
                            /** @description places */
                            countryGuess?: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description places */
                            description?: string;
                            /** @enum {string} */
                            distribution: "agency" | "country" | "countries" | "all";
                            id: number;
                            /** @description victims and offenders */
                            identified?: boolean;
                            /**
                             * Format: date
                             * @description victims and offenders
                             */
                            identifiedAt?: string | null;
                            /** @description victims and offenders */
                            identifiedByCountry?: string | null;
                            /** @description victims and offenders */
                            label?: string;
                            /** @description reads: the linked media the caller may see */
                            mediaIds?: number[];
                            /** @description victims and offenders */
                            notes?: string;
                            ownerAgencyId: number;
                            ownerCountry: string;
                            /** @description victims */
                            rescued?: boolean;
                            /**
                             * Format: date
                             * @description victims
                             */
                            rescuedAt?: string | null;
                            seriesId: number;
                            sharedWith: string[];
                            /** @enum {string} */
                            type: "victim" | "offender" | "place";
                            /**
                             * Format: date-time
                             * @description victims and offenders
                             */
                            updatedAt?: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/offenders/{id}/identify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Report that my country identified this offender (the owner may record another country); the owner is notified */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        country?: string;
                        /** @description YYYY-MM-DD (default today) */
                        date?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description places */
                            clues?: string;
                            /** @description places */
                            countryGuess?: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description places */
                            description?: string;
                            /** @enum {string} */
                            distribution: "agency" | "country" | "countries" | "all";
                            id: number;
                            /** @description victims and offenders */
                            identified?: boolean;
                            /**
                             * Format: date
                             * @description victims and offenders
                             */
                            identifiedAt?: string | null;
                            /** @description victims and offenders */
                            identifiedByCountry?: string | null;
                            /** @description victims and offenders */
                            label?: string;
                            /** @description reads: the linked media the caller may see */
                            mediaIds?: number[];
                            /** @description victims and offenders */
                            notes?: string;
                            ownerAgencyId: number;
                            ownerCountry: string;
                            /** @description victims */
                            rescued?: boolean;
                            /**
                             * Format: date
                             * @description victims
                             */
                            rescuedAt?: string | null;
                            seriesId: number;
                            sharedWith: string[];
                            /** @enum {string} */
                            type: "victim" | "offender" | "place";
                            /**
                             * Format: date-time
                             * @description victims and offenders
                             */
                            updatedAt?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/payments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Stop-payment requests I can see (my country's, those naming my country once sent; the hub: all sent), newest first */
        get: {
            parameters: {
                query?: {
                    afterId?: number;
                    limit?: number;
                    side?: "requested" | "received";
                    status?: "draft" | "sent" | "closed";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            requests: {
                                /** @description what the caller may do with it now */
                                actions: ("update" | "send" | "answer" | "close")[];
                                /** @description null also where the caller may not see the case */
                                caseId: number | null;
                                /** Format: date-time */
                                closedAt: string | null;
                                closureNote: string | null;
                                /** Format: date-time */
                                createdAt: string | null;
                                id: number;
                                nationalReference: string;
                                /** @enum {string} */
                                offence: "sextortion" | "online_fraud" | "business_email_compromise" | "investment_fraud" | "romance_scam" | "other";
                                overdue: boolean;
                                progress: {
                                    answered: number;
                                    held: number;
                                    not_found: number;
                                    pending: number;
                                    refused: number;
                                    transfers: number;
                                    withdrawn: number;
                                };
                                receivingCountries: string[];
                                requestingAgencyId: number;
                                requestingCountry: string;
                                /** Format: date-time */
                                responseDueAt: string | null;
                                responseHours: number;
                                /** Format: date-time */
                                sentAt: string | null;
                                /** @enum {string} */
                                status: "draft" | "sent" | "closed";
                                summary: string;
                                totals: {
                                    currency: string;
                                    held: string;
                                    heldMinor: number;
                                    requested: string;
                                    requestedMinor: number;
                                    transfers: number;
                                }[];
                                /** @description the transfers the caller may see (not in lists) */
                                transfers?: {
                                    accountIsIban: boolean;
                                    /** @description the amount in major units, as text */
                                    amount: string;
                                    amountMinor: number;
                                    /** Format: date-time */
                                    answeredAt: string | null;
                                    answerNote: string | null;
                                    beneficiaryAccount: string;
                                    beneficiaryBank: string;
                                    beneficiaryBic: string | null;
                                    beneficiaryName: string;
                                    currency: string;
                                    held: string;
                                    heldMinor: number;
                                    id: number;
                                    /** @enum {string} */
                                    outcome: "pending" | "held" | "withdrawn" | "not_found" | "refused";
                                    receivingCountry: string;
                                    refusalReason: string | null;
                                    sendingAccount: string;
                                    sendingBank: string;
                                    transactionReference: string;
                                    /** Format: date-time */
                                    transferredAt: string | null;
                                }[];
                                /** Format: date-time */
                                updatedAt: string | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Draft a stop-payment request for money sent abroad (police of the victim's country) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        caseId?: number | null;
                        nationalReference?: string;
                        /** @enum {string} */
                        offence: "sextortion" | "online_fraud" | "business_email_compromise" | "investment_fraud" | "romance_scam" | "other";
                        /** @description hours the receiving NCBs have to answer once sent (default 24) */
                        responseHours?: number;
                        /** @description the facts, for the receiving NCBs and banks */
                        summary?: string;
                        transfers?: {
                            /** @description amount sent, in integer minor units of the currency (US$42.3M = 4230000000) */
                            amountMinor: number;
                            /** @description IBAN (length and checksum checked) or the account number */
                            beneficiaryAccount: string;
                            beneficiaryBank: string;
                            /** @description BIC/SWIFT (ISO 9362), 8 or 11 characters */
                            beneficiaryBic?: string | null;
                            beneficiaryName: string;
                            /** @description ISO 4217 code */
                            currency: string;
                            /** @description the country whose NCB is asked; default: the IBAN's or the BIC's country */
                            receivingCountry?: string;
                            /** @description the victim's account */
                            sendingAccount?: string;
                            sendingBank: string;
                            transactionReference?: string;
                            /**
                             * Format: date-time
                             * @description when the money was sent (ISO 8601 with offset)
                             */
                            transferredAt: string;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description what the caller may do with it now */
                            actions: ("update" | "send" | "answer" | "close")[];
                            /** @description null also where the caller may not see the case */
                            caseId: number | null;
                            /** Format: date-time */
                            closedAt: string | null;
                            closureNote: string | null;
                            /** Format: date-time */
                            createdAt: string | null;
                            id: number;
                            nationalReference: string;
                            /** @enum {string} */
                            offence: "sextortion" | "online_fraud" | "business_email_compromise" | "investment_fraud" | "romance_scam" | "other";
                            overdue: boolean;
                            progress: {
                                answered: number;
                                held: number;
                                not_found: number;
                                pending: number;
                                refused: number;
                                transfers: number;
                                withdrawn: number;
                            };
                            receivingCountries: string[];
                            requestingAgencyId: number;
                            requestingCountry: string;
                            /** Format: date-time */
                            responseDueAt: string | null;
                            responseHours: number;
                            /** Format: date-time */
                            sentAt: string | null;
                            /** @enum {string} */
                            status: "draft" | "sent" | "closed";
                            summary: string;
                            totals: {
                                currency: string;
                                held: string;
                                heldMinor: number;
                                requested: string;
                                requestedMinor: number;
                                transfers: number;
                            }[];
                            /** @description the transfers the caller may see (not in lists) */
                            transfers?: {
                                accountIsIban: boolean;
                                /** @description the amount in major units, as text */
                                amount: string;
                                amountMinor: number;
                                /** Format: date-time */
                                answeredAt: string | null;
                                answerNote: string | null;
                                beneficiaryAccount: string;
                                beneficiaryBank: string;
                                beneficiaryBic: string | null;
                                beneficiaryName: string;
                                currency: string;
                                held: string;
                                heldMinor: number;
                                id: number;
                                /** @enum {string} */
                                outcome: "pending" | "held" | "withdrawn" | "not_found" | "refused";
                                receivingCountry: string;
                                refusalReason: string | null;
                                sendingAccount: string;
                                sendingBank: string;
                                transactionReference: string;
                                /** Format: date-time */
                                transferredAt: string | null;
                            }[];
                            /** Format: date-time */
                            updatedAt: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/payments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A stop-payment request with its transfers, answers and totals per currency (requested vs held) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description what the caller may do with it now */
                            actions: ("update" | "send" | "answer" | "close")[];
                            /** @description null also where the caller may not see the case */
                            caseId: number | null;
                            /** Format: date-time */
                            closedAt: string | null;
                            closureNote: string | null;
                            /** Format: date-time */
                            createdAt: string | null;
                            id: number;
                            nationalReference: string;
                            /** @enum {string} */
                            offence: "sextortion" | "online_fraud" | "business_email_compromise" | "investment_fraud" | "romance_scam" | "other";
                            overdue: boolean;
                            progress: {
                                answered: number;
                                held: number;
                                not_found: number;
                                pending: number;
                                refused: number;
                                transfers: number;
                                withdrawn: number;
                            };
                            receivingCountries: string[];
                            requestingAgencyId: number;
                            requestingCountry: string;
                            /** Format: date-time */
                            responseDueAt: string | null;
                            responseHours: number;
                            /** Format: date-time */
                            sentAt: string | null;
                            /** @enum {string} */
                            status: "draft" | "sent" | "closed";
                            summary: string;
                            totals: {
                                currency: string;
                                held: string;
                                heldMinor: number;
                                requested: string;
                                requestedMinor: number;
                                transfers: number;
                            }[];
                            /** @description the transfers the caller may see (not in lists) */
                            transfers?: {
                                accountIsIban: boolean;
                                /** @description the amount in major units, as text */
                                amount: string;
                                amountMinor: number;
                                /** Format: date-time */
                                answeredAt: string | null;
                                answerNote: string | null;
                                beneficiaryAccount: string;
                                beneficiaryBank: string;
                                beneficiaryBic: string | null;
                                beneficiaryName: string;
                                currency: string;
                                held: string;
                                heldMinor: number;
                                id: number;
                                /** @enum {string} */
                                outcome: "pending" | "held" | "withdrawn" | "not_found" | "refused";
                                receivingCountry: string;
                                refusalReason: string | null;
                                sendingAccount: string;
                                sendingBank: string;
                                transactionReference: string;
                                /** Format: date-time */
                                transferredAt: string | null;
                            }[];
                            /** Format: date-time */
                            updatedAt: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a draft (requesting country) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        caseId?: number | null;
                        nationalReference?: string;
                        /** @enum {string} */
                        offence?: "sextortion" | "online_fraud" | "business_email_compromise" | "investment_fraud" | "romance_scam" | "other";
                        /** @description hours the receiving NCBs have to answer once sent (default 24) */
                        responseHours?: number;
                        /** @description the facts, for the receiving NCBs and banks */
                        summary?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description what the caller may do with it now */
                            actions: ("update" | "send" | "answer" | "close")[];
                            /** @description null also where the caller may not see the case */
                            caseId: number | null;
                            /** Format: date-time */
                            closedAt: string | null;
                            closureNote: string | null;
                            /** Format: date-time */
                            createdAt: string | null;
                            id: number;
                            nationalReference: string;
                            /** @enum {string} */
                            offence: "sextortion" | "online_fraud" | "business_email_compromise" | "investment_fraud" | "romance_scam" | "other";
                            overdue: boolean;
                            progress: {
                                answered: number;
                                held: number;
                                not_found: number;
                                pending: number;
                                refused: number;
                                transfers: number;
                                withdrawn: number;
                            };
                            receivingCountries: string[];
                            requestingAgencyId: number;
                            requestingCountry: string;
                            /** Format: date-time */
                            responseDueAt: string | null;
                            responseHours: number;
                            /** Format: date-time */
                            sentAt: string | null;
                            /** @enum {string} */
                            status: "draft" | "sent" | "closed";
                            summary: string;
                            totals: {
                                currency: string;
                                held: string;
                                heldMinor: number;
                                requested: string;
                                requestedMinor: number;
                                transfers: number;
                            }[];
                            /** @description the transfers the caller may see (not in lists) */
                            transfers?: {
                                accountIsIban: boolean;
                                /** @description the amount in major units, as text */
                                amount: string;
                                amountMinor: number;
                                /** Format: date-time */
                                answeredAt: string | null;
                                answerNote: string | null;
                                beneficiaryAccount: string;
                                beneficiaryBank: string;
                                beneficiaryBic: string | null;
                                beneficiaryName: string;
                                currency: string;
                                held: string;
                                heldMinor: number;
                                id: number;
                                /** @enum {string} */
                                outcome: "pending" | "held" | "withdrawn" | "not_found" | "refused";
                                receivingCountry: string;
                                refusalReason: string | null;
                                sendingAccount: string;
                                sendingBank: string;
                                transactionReference: string;
                                /** Format: date-time */
                                transferredAt: string | null;
                            }[];
                            /** Format: date-time */
                            updatedAt: string | null;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/payments/{id}/answers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Answer for transfers to my country (receiving NCB): held (with the amount), withdrawn, not found, refused (with a reason); a new answer revises the previous one */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        answers: {
                            /** @description held: the amount held, in minor units of the transfer's currency */
                            heldMinor?: number;
                            note?: string;
                            /** @enum {string} */
                            outcome: "held" | "withdrawn" | "not_found" | "refused";
                            /** @description refused: why */
                            reason?: string;
                            transferId: number;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description what the caller may do with it now */
                            actions: ("update" | "send" | "answer" | "close")[];
                            /** @description null also where the caller may not see the case */
                            caseId: number | null;
                            /** Format: date-time */
                            closedAt: string | null;
                            closureNote: string | null;
                            /** Format: date-time */
                            createdAt: string | null;
                            id: number;
                            nationalReference: string;
                            /** @enum {string} */
                            offence: "sextortion" | "online_fraud" | "business_email_compromise" | "investment_fraud" | "romance_scam" | "other";
                            overdue: boolean;
                            progress: {
                                answered: number;
                                held: number;
                                not_found: number;
                                pending: number;
                                refused: number;
                                transfers: number;
                                withdrawn: number;
                            };
                            receivingCountries: string[];
                            requestingAgencyId: number;
                            requestingCountry: string;
                            /** Format: date-time */
                            responseDueAt: string | null;
                            responseHours: number;
                            /** Format: date-time */
                            sentAt: string | null;
                            /** @enum {string} */
                            status: "draft" | "sent" | "closed";
                            summary: string;
                            totals: {
                                currency: string;
                                held: string;
                                heldMinor: number;
                                requested: string;
                                requestedMinor: number;
                                transfers: number;
                            }[];
                            /** @description the transfers the caller may see (not in lists) */
                            transfers?: {
                                accountIsIban: boolean;
                                /** @description the amount in major units, as text */
                                amount: string;
                                amountMinor: number;
                                /** Format: date-time */
                                answeredAt: string | null;
                                answerNote: string | null;
                                beneficiaryAccount: string;
                                beneficiaryBank: string;
                                beneficiaryBic: string | null;
                                beneficiaryName: string;
                                currency: string;
                                held: string;
                                heldMinor: number;
                                id: number;
                                /** @enum {string} */
                                outcome: "pending" | "held" | "withdrawn" | "not_found" | "refused";
                                receivingCountry: string;
                                refusalReason: string | null;
                                sendingAccount: string;
                                sendingBank: string;
                                transactionReference: string;
                                /** Format: date-time */
                                transferredAt: string | null;
                            }[];
                            /** Format: date-time */
                            updatedAt: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/payments/{id}/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Close the request (requesting NCB); the receiving NCBs are told */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        note?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description what the caller may do with it now */
                            actions: ("update" | "send" | "answer" | "close")[];
                            /** @description null also where the caller may not see the case */
                            caseId: number | null;
                            /** Format: date-time */
                            closedAt: string | null;
                            closureNote: string | null;
                            /** Format: date-time */
                            createdAt: string | null;
                            id: number;
                            nationalReference: string;
                            /** @enum {string} */
                            offence: "sextortion" | "online_fraud" | "business_email_compromise" | "investment_fraud" | "romance_scam" | "other";
                            overdue: boolean;
                            progress: {
                                answered: number;
                                held: number;
                                not_found: number;
                                pending: number;
                                refused: number;
                                transfers: number;
                                withdrawn: number;
                            };
                            receivingCountries: string[];
                            requestingAgencyId: number;
                            requestingCountry: string;
                            /** Format: date-time */
                            responseDueAt: string | null;
                            responseHours: number;
                            /** Format: date-time */
                            sentAt: string | null;
                            /** @enum {string} */
                            status: "draft" | "sent" | "closed";
                            summary: string;
                            totals: {
                                currency: string;
                                held: string;
                                heldMinor: number;
                                requested: string;
                                requestedMinor: number;
                                transfers: number;
                            }[];
                            /** @description the transfers the caller may see (not in lists) */
                            transfers?: {
                                accountIsIban: boolean;
                                /** @description the amount in major units, as text */
                                amount: string;
                                amountMinor: number;
                                /** Format: date-time */
                                answeredAt: string | null;
                                answerNote: string | null;
                                beneficiaryAccount: string;
                                beneficiaryBank: string;
                                beneficiaryBic: string | null;
                                beneficiaryName: string;
                                currency: string;
                                held: string;
                                heldMinor: number;
                                id: number;
                                /** @enum {string} */
                                outcome: "pending" | "held" | "withdrawn" | "not_found" | "refused";
                                receivingCountry: string;
                                refusalReason: string | null;
                                sendingAccount: string;
                                sendingBank: string;
                                transactionReference: string;
                                /** Format: date-time */
                                transferredAt: string | null;
                            }[];
                            /** Format: date-time */
                            updatedAt: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/payments/{id}/send": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send the request (requesting NCB): starts the response clock and alerts the receiving NCBs and the hub */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description what the caller may do with it now */
                            actions: ("update" | "send" | "answer" | "close")[];
                            /** @description null also where the caller may not see the case */
                            caseId: number | null;
                            /** Format: date-time */
                            closedAt: string | null;
                            closureNote: string | null;
                            /** Format: date-time */
                            createdAt: string | null;
                            id: number;
                            nationalReference: string;
                            /** @enum {string} */
                            offence: "sextortion" | "online_fraud" | "business_email_compromise" | "investment_fraud" | "romance_scam" | "other";
                            overdue: boolean;
                            progress: {
                                answered: number;
                                held: number;
                                not_found: number;
                                pending: number;
                                refused: number;
                                transfers: number;
                                withdrawn: number;
                            };
                            receivingCountries: string[];
                            requestingAgencyId: number;
                            requestingCountry: string;
                            /** Format: date-time */
                            responseDueAt: string | null;
                            responseHours: number;
                            /** Format: date-time */
                            sentAt: string | null;
                            /** @enum {string} */
                            status: "draft" | "sent" | "closed";
                            summary: string;
                            totals: {
                                currency: string;
                                held: string;
                                heldMinor: number;
                                requested: string;
                                requestedMinor: number;
                                transfers: number;
                            }[];
                            /** @description the transfers the caller may see (not in lists) */
                            transfers?: {
                                accountIsIban: boolean;
                                /** @description the amount in major units, as text */
                                amount: string;
                                amountMinor: number;
                                /** Format: date-time */
                                answeredAt: string | null;
                                answerNote: string | null;
                                beneficiaryAccount: string;
                                beneficiaryBank: string;
                                beneficiaryBic: string | null;
                                beneficiaryName: string;
                                currency: string;
                                held: string;
                                heldMinor: number;
                                id: number;
                                /** @enum {string} */
                                outcome: "pending" | "held" | "withdrawn" | "not_found" | "refused";
                                receivingCountry: string;
                                refusalReason: string | null;
                                sendingAccount: string;
                                sendingBank: string;
                                transactionReference: string;
                                /** Format: date-time */
                                transferredAt: string | null;
                            }[];
                            /** Format: date-time */
                            updatedAt: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/payments/{id}/transfers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add transfers to a draft */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        transfers: {
                            /** @description amount sent, in integer minor units of the currency (US$42.3M = 4230000000) */
                            amountMinor: number;
                            /** @description IBAN (length and checksum checked) or the account number */
                            beneficiaryAccount: string;
                            beneficiaryBank: string;
                            /** @description BIC/SWIFT (ISO 9362), 8 or 11 characters */
                            beneficiaryBic?: string | null;
                            beneficiaryName: string;
                            /** @description ISO 4217 code */
                            currency: string;
                            /** @description the country whose NCB is asked; default: the IBAN's or the BIC's country */
                            receivingCountry?: string;
                            /** @description the victim's account */
                            sendingAccount?: string;
                            sendingBank: string;
                            transactionReference?: string;
                            /**
                             * Format: date-time
                             * @description when the money was sent (ISO 8601 with offset)
                             */
                            transferredAt: string;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description what the caller may do with it now */
                            actions: ("update" | "send" | "answer" | "close")[];
                            /** @description null also where the caller may not see the case */
                            caseId: number | null;
                            /** Format: date-time */
                            closedAt: string | null;
                            closureNote: string | null;
                            /** Format: date-time */
                            createdAt: string | null;
                            id: number;
                            nationalReference: string;
                            /** @enum {string} */
                            offence: "sextortion" | "online_fraud" | "business_email_compromise" | "investment_fraud" | "romance_scam" | "other";
                            overdue: boolean;
                            progress: {
                                answered: number;
                                held: number;
                                not_found: number;
                                pending: number;
                                refused: number;
                                transfers: number;
                                withdrawn: number;
                            };
                            receivingCountries: string[];
                            requestingAgencyId: number;
                            requestingCountry: string;
                            /** Format: date-time */
                            responseDueAt: string | null;
                            responseHours: number;
                            /** Format: date-time */
                            sentAt: string | null;
                            /** @enum {string} */
                            status: "draft" | "sent" | "closed";
                            summary: string;
                            totals: {
                                currency: string;
                                held: string;
                                heldMinor: number;
                                requested: string;
                                requestedMinor: number;
                                transfers: number;
                            }[];
                            /** @description the transfers the caller may see (not in lists) */
                            transfers?: {
                                accountIsIban: boolean;
                                /** @description the amount in major units, as text */
                                amount: string;
                                amountMinor: number;
                                /** Format: date-time */
                                answeredAt: string | null;
                                answerNote: string | null;
                                beneficiaryAccount: string;
                                beneficiaryBank: string;
                                beneficiaryBic: string | null;
                                beneficiaryName: string;
                                currency: string;
                                held: string;
                                heldMinor: number;
                                id: number;
                                /** @enum {string} */
                                outcome: "pending" | "held" | "withdrawn" | "not_found" | "refused";
                                receivingCountry: string;
                                refusalReason: string | null;
                                sendingAccount: string;
                                sendingBank: string;
                                transactionReference: string;
                                /** Format: date-time */
                                transferredAt: string | null;
                            }[];
                            /** Format: date-time */
                            updatedAt: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/payments/{id}/transfers/{transferId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a transfer from a draft */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                    transferId: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description what the caller may do with it now */
                            actions: ("update" | "send" | "answer" | "close")[];
                            /** @description null also where the caller may not see the case */
                            caseId: number | null;
                            /** Format: date-time */
                            closedAt: string | null;
                            closureNote: string | null;
                            /** Format: date-time */
                            createdAt: string | null;
                            id: number;
                            nationalReference: string;
                            /** @enum {string} */
                            offence: "sextortion" | "online_fraud" | "business_email_compromise" | "investment_fraud" | "romance_scam" | "other";
                            overdue: boolean;
                            progress: {
                                answered: number;
                                held: number;
                                not_found: number;
                                pending: number;
                                refused: number;
                                transfers: number;
                                withdrawn: number;
                            };
                            receivingCountries: string[];
                            requestingAgencyId: number;
                            requestingCountry: string;
                            /** Format: date-time */
                            responseDueAt: string | null;
                            responseHours: number;
                            /** Format: date-time */
                            sentAt: string | null;
                            /** @enum {string} */
                            status: "draft" | "sent" | "closed";
                            summary: string;
                            totals: {
                                currency: string;
                                held: string;
                                heldMinor: number;
                                requested: string;
                                requestedMinor: number;
                                transfers: number;
                            }[];
                            /** @description the transfers the caller may see (not in lists) */
                            transfers?: {
                                accountIsIban: boolean;
                                /** @description the amount in major units, as text */
                                amount: string;
                                amountMinor: number;
                                /** Format: date-time */
                                answeredAt: string | null;
                                answerNote: string | null;
                                beneficiaryAccount: string;
                                beneficiaryBank: string;
                                beneficiaryBic: string | null;
                                beneficiaryName: string;
                                currency: string;
                                held: string;
                                heldMinor: number;
                                id: number;
                                /** @enum {string} */
                                outcome: "pending" | "held" | "withdrawn" | "not_found" | "refused";
                                receivingCountry: string;
                                refusalReason: string | null;
                                sendingAccount: string;
                                sendingBank: string;
                                transactionReference: string;
                                /** Format: date-time */
                                transferredAt: string | null;
                            }[];
                            /** Format: date-time */
                            updatedAt: string | null;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/payments/overdue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Sent requests past their response-due time with transfers still unanswered, most overdue first (the hub: all; a receiving country: its own) */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            asOf: string;
                            requests: {
                                /** @description what the caller may do with it now */
                                actions: ("update" | "send" | "answer" | "close")[];
                                /** @description null also where the caller may not see the case */
                                caseId: number | null;
                                /** Format: date-time */
                                closedAt: string | null;
                                closureNote: string | null;
                                /** Format: date-time */
                                createdAt: string | null;
                                id: number;
                                nationalReference: string;
                                /** @enum {string} */
                                offence: "sextortion" | "online_fraud" | "business_email_compromise" | "investment_fraud" | "romance_scam" | "other";
                                overdue: boolean;
                                overdueMinutes: number;
                                pendingCountries: string[];
                                pendingTotals: {
                                    currency: string;
                                    held: string;
                                    heldMinor: number;
                                    requested: string;
                                    requestedMinor: number;
                                    transfers: number;
                                }[];
                                pendingTransfers: number;
                                progress: {
                                    answered: number;
                                    held: number;
                                    not_found: number;
                                    pending: number;
                                    refused: number;
                                    transfers: number;
                                    withdrawn: number;
                                };
                                receivingCountries: string[];
                                requestingAgencyId: number;
                                requestingCountry: string;
                                /** Format: date-time */
                                responseDueAt: string | null;
                                responseHours: number;
                                /** Format: date-time */
                                sentAt: string | null;
                                /** @enum {string} */
                                status: "draft" | "sent" | "closed";
                                summary: string;
                                totals: {
                                    currency: string;
                                    held: string;
                                    heldMinor: number;
                                    requested: string;
                                    requestedMinor: number;
                                    transfers: number;
                                }[];
                                /** @description the transfers the caller may see (not in lists) */
                                transfers?: {
                                    accountIsIban: boolean;
                                    /** @description the amount in major units, as text */
                                    amount: string;
                                    amountMinor: number;
                                    /** Format: date-time */
                                    answeredAt: string | null;
                                    answerNote: string | null;
                                    beneficiaryAccount: string;
                                    beneficiaryBank: string;
                                    beneficiaryBic: string | null;
                                    beneficiaryName: string;
                                    currency: string;
                                    held: string;
                                    heldMinor: number;
                                    id: number;
                                    /** @enum {string} */
                                    outcome: "pending" | "held" | "withdrawn" | "not_found" | "refused";
                                    receivingCountry: string;
                                    refusalReason: string | null;
                                    sendingAccount: string;
                                    sendingBank: string;
                                    transactionReference: string;
                                    /** Format: date-time */
                                    transferredAt: string | null;
                                }[];
                                /** Format: date-time */
                                updatedAt: string | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/place-links/{id}/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Confirm a suggested same-scene link */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason?: string;
                    } | null;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/place-links/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reject (never suggested again) a suggested same-scene link */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason?: string;
                    } | null;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/places/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A place, with the visible media linked to it */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description places */
                            clues?: string;
                            /** @description places */
                            countryGuess?: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description places */
                            description?: string;
                            /** @enum {string} */
                            distribution: "agency" | "country" | "countries" | "all";
                            id: number;
                            /** @description victims and offenders */
                            identified?: boolean;
                            /**
                             * Format: date
                             * @description victims and offenders
                             */
                            identifiedAt?: string | null;
                            /** @description victims and offenders */
                            identifiedByCountry?: string | null;
                            /** @description victims and offenders */
                            label?: string;
                            /** @description reads: the linked media the caller may see */
                            mediaIds?: number[];
                            /** @description victims and offenders */
                            notes?: string;
                            ownerAgencyId: number;
                            ownerCountry: string;
                            /** @description victims */
                            rescued?: boolean;
                            /**
                             * Format: date
                             * @description victims
                             */
                            rescuedAt?: string | null;
                            seriesId: number;
                            sharedWith: string[];
                            /** @enum {string} */
                            type: "victim" | "offender" | "place";
                            /**
                             * Format: date-time
                             * @description victims and offenders
                             */
                            updatedAt?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a place and its media links (owning agency) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            deleted: number;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a place (owning agency) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description objects, text, products, sockets… that may locate the scene */
                        clues?: string;
                        countryGuess?: string | null;
                        /** @description scene description */
                        description?: string;
                        /**
                         * @description agency only / country only / named countries / all member countries
                         * @enum {string}
                         */
                        distribution?: "agency" | "country" | "countries" | "all";
                        /** @description countries named when distribution = countries */
                        sharedWith?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description places */
                            clues?: string;
                            /** @description places */
                            countryGuess?: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description places */
                            description?: string;
                            /** @enum {string} */
                            distribution: "agency" | "country" | "countries" | "all";
                            id: number;
                            /** @description victims and offenders */
                            identified?: boolean;
                            /**
                             * Format: date
                             * @description victims and offenders
                             */
                            identifiedAt?: string | null;
                            /** @description victims and offenders */
                            identifiedByCountry?: string | null;
                            /** @description victims and offenders */
                            label?: string;
                            /** @description reads: the linked media the caller may see */
                            mediaIds?: number[];
                            /** @description victims and offenders */
                            notes?: string;
                            ownerAgencyId: number;
                            ownerCountry: string;
                            /** @description victims */
                            rescued?: boolean;
                            /**
                             * Format: date
                             * @description victims
                             */
                            rescuedAt?: string | null;
                            seriesId: number;
                            sharedWith: string[];
                            /** @enum {string} */
                            type: "victim" | "offender" | "place";
                            /**
                             * Format: date-time
                             * @description victims and offenders
                             */
                            updatedAt?: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/places/{id}/location": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Clues and the location estimate of a place (owning agency or its NCB) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        clueItems?: {
                            /** @enum {string} */
                            kind: "object" | "text" | "language" | "socket" | "landscape" | "product" | "other";
                            value: string;
                        }[];
                        confidence?: number | null;
                        latitude?: number | null;
                        locationNote?: string;
                        longitude?: number | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            canEdit: boolean;
                            clueItems: {
                                kind: string;
                                value: string;
                            }[];
                            clues: string;
                            countryGuess: string | null;
                            description: string;
                            id: number;
                            links: {
                                /** @description the verification: matching points (inliers), why in words, the pairs [qx, qy, cx, cy] in the two work frames */
                                evidence: {
                                    coverage?: number;
                                    homography?: number[] | null;
                                    inliers: number;
                                    matches?: number;
                                    matchFrame: number[];
                                    pairs: number[][];
                                    queryFrame: number[];
                                    region?: number[] | null;
                                    why: string;
                                };
                                id: number;
                                inliers: number;
                                linkedMediaId: number;
                                mediaId: number;
                                /** @enum {string} */
                                status: "suggested" | "confirmed" | "rejected";
                            }[];
                            location: {
                                confidence: number | null;
                                latitude: number;
                                longitude: number;
                                note: string;
                            } | null;
                            media: {
                                mediaId: number;
                                thumbnail: string;
                            }[];
                            ownerCountry: string;
                            restrictedLinks: {
                                message: string;
                                ownerCountry: string;
                            }[];
                            series: {
                                id: number;
                                name: string;
                                number: string;
                                ownerCountry: string;
                            }[];
                            seriesId: number | null;
                            victims: {
                                id: number;
                                identified: boolean;
                                label: string;
                                seriesId: number;
                            }[];
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/places/{id}/overview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A place with its linked images (visible ones), series and victims seen there, clues, location estimate and scene links */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            canEdit: boolean;
                            clueItems: {
                                kind: string;
                                value: string;
                            }[];
                            clues: string;
                            countryGuess: string | null;
                            description: string;
                            id: number;
                            links: {
                                /** @description the verification: matching points (inliers), why in words, the pairs [qx, qy, cx, cy] in the two work frames */
                                evidence: {
                                    coverage?: number;
                                    homography?: number[] | null;
                                    inliers: number;
                                    matches?: number;
                                    matchFrame: number[];
                                    pairs: number[][];
                                    queryFrame: number[];
                                    region?: number[] | null;
                                    why: string;
                                };
                                id: number;
                                inliers: number;
                                linkedMediaId: number;
                                mediaId: number;
                                /** @enum {string} */
                                status: "suggested" | "confirmed" | "rejected";
                            }[];
                            location: {
                                confidence: number | null;
                                latitude: number;
                                longitude: number;
                                note: string;
                            } | null;
                            media: {
                                mediaId: number;
                                thumbnail: string;
                            }[];
                            ownerCountry: string;
                            restrictedLinks: {
                                message: string;
                                ownerCountry: string;
                            }[];
                            series: {
                                id: number;
                                name: string;
                                number: string;
                                ownerCountry: string;
                            }[];
                            seriesId: number | null;
                            victims: {
                                id: number;
                                identified: boolean;
                                label: string;
                                seriesId: number;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/places/similar": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Media and places sharing the scene of a known medium or of a picture (base64, not stored), ranked by matching points */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        imageBase64?: string;
                        mediaId?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/referrals/incidents/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A referred incident with its files */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            action: {
                                /** Format: date-time */
                                at: string | null;
                                by: number | null;
                                caseReference: string | null;
                                note: string | null;
                                /** @enum {string|null} */
                                outcome: "case_opened" | "added_to_case" | "referred" | "no_further_action" | null;
                            } | null;
                            /** Format: date-time */
                            assignedAt: string | null;
                            country: string | null;
                            counts: {
                                files: number;
                                knownExact: number;
                                knownNear: number;
                                new: number;
                            };
                            files: {
                                fileId: number;
                                known: (never | null) | {
                                    message: string;
                                    ownerCountry: string;
                                    /** @enum {boolean} */
                                    restricted: true;
                                } | {
                                    distance: number;
                                    /** @description an image found in a known video: the frame and its time */
                                    foundInVideo?: {
                                        frame?: number;
                                        timestampS: number;
                                    };
                                    /** @description the known picture found pasted into the upload (the crop/border stage: 'region' or 'pdq-trimmed'; an inset or one side of a collage): where it sits */
                                    inset?: {
                                        /** @description [x, y, width, height] in the upload's pixels (upright) */
                                        box: number[];
                                        /** @description the upload's size [width, height] */
                                        frame: number[];
                                    };
                                    matchedMediaId: number;
                                    minDistance?: number | null;
                                    offenderIdentified: boolean | null;
                                    offset?: number | null;
                                    otherMatches: ({
                                        message: string;
                                        ownerCountry: string;
                                        /** @enum {boolean} */
                                        restricted: true;
                                    } | {
                                        distance: number;
                                        matchedMediaId: number;
                                        ownerCountry: string;
                                        /** @enum {boolean} */
                                        restricted: false;
                                        series: {
                                            id: number;
                                            name: string;
                                            number: string;
                                        } | null;
                                        stage: string | null;
                                        variant: string | null;
                                        victimIdentified: boolean | null;
                                    })[];
                                    ownerCountry: string | null;
                                    pairs?: {
                                        distance: number;
                                        queryLevel: number;
                                        storedLevel: number;
                                    }[] | null;
                                    /** @description partial copy (stage 'partial'): matching points, the share of the picture they span, and the region in the known picture */
                                    partial?: {
                                        coverage: number;
                                        inliers: number;
                                        /** @description [x, y, width, height] in the known picture, in its 512-px work frame */
                                        region: number[] | null;
                                        /** @description the known picture's work frame [width, height] */
                                        regionFrame?: number[] | null;
                                        why: string;
                                    };
                                    /** @enum {boolean} */
                                    restricted: false;
                                    /** @description robust stage (crop/border): the rule that matched, with votes, minDistance, offset, pairs */
                                    rule?: string;
                                    series: {
                                        id: number;
                                        name: string | null;
                                        number: string | null;
                                        ownerCountry: string | null;
                                    } | null;
                                    stage: string | null;
                                    /** @description a video whose frame is a known image: the time of that frame */
                                    stillAt?: {
                                        timestampS: number | null;
                                    };
                                    variant: string | null;
                                    victimIdentified: boolean | null;
                                    /** @description vPDQ: how much of each video matched, and where */
                                    video?: {
                                        comparedMatchPct: number | null;
                                        matchedFrames?: number;
                                        queryMatchPct: number;
                                        ranges?: {
                                            from: number;
                                            matchedFrom: number;
                                            matchedTo: number;
                                            to: number;
                                        }[];
                                        uniqueFrames?: number;
                                    };
                                    votes?: number | null;
                                };
                                md5: string | null;
                                name: string | null;
                                pdq: string | null;
                                /** @enum {string} */
                                result: "known_exact" | "known_near" | "new";
                                sha1: string | null;
                                sha256: string | null;
                            }[];
                            id: number;
                            /** Format: date-time */
                            incidentAt: string | null;
                            offender: {
                                account: string | null;
                                ipAddress: string | null;
                                username: string | null;
                            };
                            packageId: number | null;
                            /** @enum {string} */
                            priority: "new" | "known_near" | "known_exact";
                            provider: string;
                            providerCountry: string | null;
                            providerIncidentId: string;
                            reportId: number;
                            reportReference: string;
                            /** @enum {string} */
                            status: "open" | "actioned";
                            unassignedReason: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/referrals/incidents/{id}/action": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record what became of an incident of my country's package (a case reference when a case was opened or added to) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        caseReference?: string;
                        note?: string;
                        /** @enum {string} */
                        outcome: "case_opened" | "added_to_case" | "referred" | "no_further_action";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            action: {
                                /** Format: date-time */
                                at: string | null;
                                by: number | null;
                                caseReference: string | null;
                                note: string | null;
                                /** @enum {string|null} */
                                outcome: "case_opened" | "added_to_case" | "referred" | "no_further_action" | null;
                            } | null;
                            /** Format: date-time */
                            assignedAt: string | null;
                            country: string | null;
                            counts: {
                                files: number;
                                knownExact: number;
                                knownNear: number;
                                new: number;
                            };
                            files: {
                                fileId: number;
                                known: (never | null) | {
                                    message: string;
                                    ownerCountry: string;
                                    /** @enum {boolean} */
                                    restricted: true;
                                } | {
                                    distance: number;
                                    /** @description an image found in a known video: the frame and its time */
                                    foundInVideo?: {
                                        frame?: number;
                                        timestampS: number;
                                    };
                                    /** @description the known picture found pasted into the upload (the crop/border stage: 'region' or 'pdq-trimmed'; an inset or one side of a collage): where it sits */
                                    inset?: {
                                        /** @description [x, y, width, height] in the upload's pixels (upright) */
                                        box: number[];
                                        /** @description the upload's size [width, height] */
                                        frame: number[];
                                    };
                                    matchedMediaId: number;
                                    minDistance?: number | null;
                                    offenderIdentified: boolean | null;
                                    offset?: number | null;
                                    otherMatches: ({
                                        message: string;
                                        ownerCountry: string;
                                        /** @enum {boolean} */
                                        restricted: true;
                                    } | {
                                        distance: number;
                                        matchedMediaId: number;
                                        ownerCountry: string;
                                        /** @enum {boolean} */
                                        restricted: false;
                                        series: {
                                            id: number;
                                            name: string;
                                            number: string;
                                        } | null;
                                        stage: string | null;
                                        variant: string | null;
                                        victimIdentified: boolean | null;
                                    })[];
                                    ownerCountry: string | null;
                                    pairs?: {
                                        distance: number;
                                        queryLevel: number;
                                        storedLevel: number;
                                    }[] | null;
                                    /** @description partial copy (stage 'partial'): matching points, the share of the picture they span, and the region in the known picture */
                                    partial?: {
                                        coverage: number;
                                        inliers: number;
                                        /** @description [x, y, width, height] in the known picture, in its 512-px work frame */
                                        region: number[] | null;
                                        /** @description the known picture's work frame [width, height] */
                                        regionFrame?: number[] | null;
                                        why: string;
                                    };
                                    /** @enum {boolean} */
                                    restricted: false;
                                    /** @description robust stage (crop/border): the rule that matched, with votes, minDistance, offset, pairs */
                                    rule?: string;
                                    series: {
                                        id: number;
                                        name: string | null;
                                        number: string | null;
                                        ownerCountry: string | null;
                                    } | null;
                                    stage: string | null;
                                    /** @description a video whose frame is a known image: the time of that frame */
                                    stillAt?: {
                                        timestampS: number | null;
                                    };
                                    variant: string | null;
                                    victimIdentified: boolean | null;
                                    /** @description vPDQ: how much of each video matched, and where */
                                    video?: {
                                        comparedMatchPct: number | null;
                                        matchedFrames?: number;
                                        queryMatchPct: number;
                                        ranges?: {
                                            from: number;
                                            matchedFrom: number;
                                            matchedTo: number;
                                            to: number;
                                        }[];
                                        uniqueFrames?: number;
                                    };
                                    votes?: number | null;
                                };
                                md5: string | null;
                                name: string | null;
                                pdq: string | null;
                                /** @enum {string} */
                                result: "known_exact" | "known_near" | "new";
                                sha1: string | null;
                                sha256: string | null;
                            }[];
                            id: number;
                            /** Format: date-time */
                            incidentAt: string | null;
                            offender: {
                                account: string | null;
                                ipAddress: string | null;
                                username: string | null;
                            };
                            packageId: number | null;
                            /** @enum {string} */
                            priority: "new" | "known_near" | "known_exact";
                            provider: string;
                            providerCountry: string | null;
                            providerIncidentId: string;
                            reportId: number;
                            reportReference: string;
                            /** @enum {string} */
                            status: "open" | "actioned";
                            unassignedReason: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/referrals/incidents/{id}/assign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Refer an unassigned (or misrouted, still open) incident to a member country (General Secretariat); its NCB is told */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        country: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            action: {
                                /** Format: date-time */
                                at: string | null;
                                by: number | null;
                                caseReference: string | null;
                                note: string | null;
                                /** @enum {string|null} */
                                outcome: "case_opened" | "added_to_case" | "referred" | "no_further_action" | null;
                            } | null;
                            /** Format: date-time */
                            assignedAt: string | null;
                            country: string | null;
                            counts: {
                                files: number;
                                knownExact: number;
                                knownNear: number;
                                new: number;
                            };
                            files: {
                                fileId: number;
                                known: (never | null) | {
                                    message: string;
                                    ownerCountry: string;
                                    /** @enum {boolean} */
                                    restricted: true;
                                } | {
                                    distance: number;
                                    /** @description an image found in a known video: the frame and its time */
                                    foundInVideo?: {
                                        frame?: number;
                                        timestampS: number;
                                    };
                                    /** @description the known picture found pasted into the upload (the crop/border stage: 'region' or 'pdq-trimmed'; an inset or one side of a collage): where it sits */
                                    inset?: {
                                        /** @description [x, y, width, height] in the upload's pixels (upright) */
                                        box: number[];
                                        /** @description the upload's size [width, height] */
                                        frame: number[];
                                    };
                                    matchedMediaId: number;
                                    minDistance?: number | null;
                                    offenderIdentified: boolean | null;
                                    offset?: number | null;
                                    otherMatches: ({
                                        message: string;
                                        ownerCountry: string;
                                        /** @enum {boolean} */
                                        restricted: true;
                                    } | {
                                        distance: number;
                                        matchedMediaId: number;
                                        ownerCountry: string;
                                        /** @enum {boolean} */
                                        restricted: false;
                                        series: {
                                            id: number;
                                            name: string;
                                            number: string;
                                        } | null;
                                        stage: string | null;
                                        variant: string | null;
                                        victimIdentified: boolean | null;
                                    })[];
                                    ownerCountry: string | null;
                                    pairs?: {
                                        distance: number;
                                        queryLevel: number;
                                        storedLevel: number;
                                    }[] | null;
                                    /** @description partial copy (stage 'partial'): matching points, the share of the picture they span, and the region in the known picture */
                                    partial?: {
                                        coverage: number;
                                        inliers: number;
                                        /** @description [x, y, width, height] in the known picture, in its 512-px work frame */
                                        region: number[] | null;
                                        /** @description the known picture's work frame [width, height] */
                                        regionFrame?: number[] | null;
                                        why: string;
                                    };
                                    /** @enum {boolean} */
                                    restricted: false;
                                    /** @description robust stage (crop/border): the rule that matched, with votes, minDistance, offset, pairs */
                                    rule?: string;
                                    series: {
                                        id: number;
                                        name: string | null;
                                        number: string | null;
                                        ownerCountry: string | null;
                                    } | null;
                                    stage: string | null;
                                    /** @description a video whose frame is a known image: the time of that frame */
                                    stillAt?: {
                                        timestampS: number | null;
                                    };
                                    variant: string | null;
                                    victimIdentified: boolean | null;
                                    /** @description vPDQ: how much of each video matched, and where */
                                    video?: {
                                        comparedMatchPct: number | null;
                                        matchedFrames?: number;
                                        queryMatchPct: number;
                                        ranges?: {
                                            from: number;
                                            matchedFrom: number;
                                            matchedTo: number;
                                            to: number;
                                        }[];
                                        uniqueFrames?: number;
                                    };
                                    votes?: number | null;
                                };
                                md5: string | null;
                                name: string | null;
                                pdq: string | null;
                                /** @enum {string} */
                                result: "known_exact" | "known_near" | "new";
                                sha1: string | null;
                                sha256: string | null;
                            }[];
                            id: number;
                            /** Format: date-time */
                            incidentAt: string | null;
                            offender: {
                                account: string | null;
                                ipAddress: string | null;
                                username: string | null;
                            };
                            packageId: number | null;
                            /** @enum {string} */
                            priority: "new" | "known_near" | "known_exact";
                            provider: string;
                            providerCountry: string | null;
                            providerIncidentId: string;
                            reportId: number;
                            reportReference: string;
                            /** @enum {string} */
                            status: "open" | "actioned";
                            unassignedReason: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/referrals/packages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Referral packages, newest first: all for the General Secretariat, my country's for NCB officers and analysts */
        get: {
            parameters: {
                query?: {
                    afterId?: number;
                    country?: string;
                    limit?: number;
                    reportId?: number;
                    status?: "delivered" | "acknowledged";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            nextAfterId: number | null;
                            packages: {
                                /** Format: date-time */
                                acknowledgedAt: string | null;
                                acknowledgedBy: {
                                    name: string | null;
                                    userId: number;
                                } | null;
                                /** @description what the caller may do with it now (lists and reads) */
                                actions?: "acknowledge"[];
                                country: string;
                                counts: {
                                    actioned: number;
                                    filesExact: number;
                                    filesNear: number;
                                    filesNew: number;
                                    incidents: number;
                                    open: number;
                                    withNew: number;
                                };
                                /** Format: date-time */
                                createdAt: string | null;
                                id: number;
                                provider: string;
                                reference: string;
                                reportId: number;
                                /** @enum {string} */
                                status: "delivered" | "acknowledged";
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/referrals/packages/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A referral package with its counts and acknowledgement */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            acknowledgedAt: string | null;
                            acknowledgedBy: {
                                name: string | null;
                                userId: number;
                            } | null;
                            /** @description what the caller may do with it now (lists and reads) */
                            actions?: "acknowledge"[];
                            country: string;
                            counts: {
                                actioned: number;
                                filesExact: number;
                                filesNear: number;
                                filesNew: number;
                                incidents: number;
                                open: number;
                                withNew: number;
                            };
                            /** Format: date-time */
                            createdAt: string | null;
                            id: number;
                            provider: string;
                            reference: string;
                            reportId: number;
                            /** @enum {string} */
                            status: "delivered" | "acknowledged";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/referrals/packages/{id}/acknowledge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Acknowledge receipt of my country's package (NCB officers); again changes nothing */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            acknowledgedAt: string | null;
                            acknowledgedBy: {
                                name: string | null;
                                userId: number;
                            } | null;
                            /** @description what the caller may do with it now (lists and reads) */
                            actions?: "acknowledge"[];
                            country: string;
                            counts: {
                                actioned: number;
                                filesExact: number;
                                filesNear: number;
                                filesNew: number;
                                incidents: number;
                                open: number;
                                withNew: number;
                            };
                            /** Format: date-time */
                            createdAt: string | null;
                            id: number;
                            provider: string;
                            reference: string;
                            reportId: number;
                            /** @enum {string} */
                            status: "delivered" | "acknowledged";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/referrals/packages/{id}/incidents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Incidents of a package, new material first (keyset pages); known material redacted per its owner's distribution */
        get: {
            parameters: {
                query?: {
                    /** @description nextAfter of the previous page */
                    after?: string;
                    limit?: number;
                    status?: "open" | "actioned";
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            incidents: {
                                action: {
                                    /** Format: date-time */
                                    at: string | null;
                                    by: number | null;
                                    caseReference: string | null;
                                    note: string | null;
                                    /** @enum {string|null} */
                                    outcome: "case_opened" | "added_to_case" | "referred" | "no_further_action" | null;
                                } | null;
                                /** Format: date-time */
                                assignedAt: string | null;
                                country: string | null;
                                counts: {
                                    files: number;
                                    knownExact: number;
                                    knownNear: number;
                                    new: number;
                                };
                                files: {
                                    fileId: number;
                                    known: (never | null) | {
                                        message: string;
                                        ownerCountry: string;
                                        /** @enum {boolean} */
                                        restricted: true;
                                    } | {
                                        distance: number;
                                        /** @description an image found in a known video: the frame and its time */
                                        foundInVideo?: {
                                            frame?: number;
                                            timestampS: number;
                                        };
                                        /** @description the known picture found pasted into the upload (the crop/border stage: 'region' or 'pdq-trimmed'; an inset or one side of a collage): where it sits */
                                        inset?: {
                                            /** @description [x, y, width, height] in the upload's pixels (upright) */
                                            box: number[];
                                            /** @description the upload's size [width, height] */
                                            frame: number[];
                                        };
                                        matchedMediaId: number;
                                        minDistance?: number | null;
                                        offenderIdentified: boolean | null;
                                        offset?: number | null;
                                        otherMatches: ({
                                            message: string;
                                            ownerCountry: string;
                                            /** @enum {boolean} */
                                            restricted: true;
                                        } | {
                                            distance: number;
                                            matchedMediaId: number;
                                            ownerCountry: string;
                                            /** @enum {boolean} */
                                            restricted: false;
                                            series: {
                                                id: number;
                                                name: string;
                                                number: string;
                                            } | null;
                                            stage: string | null;
                                            variant: string | null;
                                            victimIdentified: boolean | null;
                                        })[];
                                        ownerCountry: string | null;
                                        pairs?: {
                                            distance: number;
                                            queryLevel: number;
                                            storedLevel: number;
                                        }[] | null;
                                        /** @description partial copy (stage 'partial'): matching points, the share of the picture they span, and the region in the known picture */
                                        partial?: {
                                            coverage: number;
                                            inliers: number;
                                            /** @description [x, y, width, height] in the known picture, in its 512-px work frame */
                                            region: number[] | null;
                                            /** @description the known picture's work frame [width, height] */
                                            regionFrame?: number[] | null;
                                            why: string;
                                        };
                                        /** @enum {boolean} */
                                        restricted: false;
                                        /** @description robust stage (crop/border): the rule that matched, with votes, minDistance, offset, pairs */
                                        rule?: string;
                                        series: {
                                            id: number;
                                            name: string | null;
                                            number: string | null;
                                            ownerCountry: string | null;
                                        } | null;
                                        stage: string | null;
                                        /** @description a video whose frame is a known image: the time of that frame */
                                        stillAt?: {
                                            timestampS: number | null;
                                        };
                                        variant: string | null;
                                        victimIdentified: boolean | null;
                                        /** @description vPDQ: how much of each video matched, and where */
                                        video?: {
                                            comparedMatchPct: number | null;
                                            matchedFrames?: number;
                                            queryMatchPct: number;
                                            ranges?: {
                                                from: number;
                                                matchedFrom: number;
                                                matchedTo: number;
                                                to: number;
                                            }[];
                                            uniqueFrames?: number;
                                        };
                                        votes?: number | null;
                                    };
                                    md5: string | null;
                                    name: string | null;
                                    pdq: string | null;
                                    /** @enum {string} */
                                    result: "known_exact" | "known_near" | "new";
                                    sha1: string | null;
                                    sha256: string | null;
                                }[];
                                id: number;
                                /** Format: date-time */
                                incidentAt: string | null;
                                offender: {
                                    account: string | null;
                                    ipAddress: string | null;
                                    username: string | null;
                                };
                                packageId: number | null;
                                /** @enum {string} */
                                priority: "new" | "known_near" | "known_exact";
                                provider: string;
                                providerCountry: string | null;
                                providerIncidentId: string;
                                reportId: number;
                                reportReference: string;
                                /** @enum {string} */
                                status: "open" | "actioned";
                                unassignedReason: string | null;
                            }[];
                            /** @description the after of the next page */
                            nextAfter: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/referrals/reports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Provider reports received, newest first (General Secretariat) */
        get: {
            parameters: {
                query?: {
                    afterId?: number;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            nextAfterId: number | null;
                            reports: {
                                /** @enum {string} */
                                format: "json" | "csv";
                                id: number;
                                incidentsAccepted: number;
                                provider: string;
                                reference: string;
                                rowsRejected: number;
                                rowsTotal: number;
                                /** Format: date-time */
                                uploadedAt: string | null;
                                uploadedBy: number;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        /** Upload a bulk provider report (General Secretariat): split into one package per member country, each file enriched known-exact / known-near / new; rejected rows are listed with their reason; the same provider + reference again changes nothing */
        post: {
            parameters: {
                query: {
                    provider: string;
                    reference: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description JSON: an array of incidents {incidentId, incidentTime, country, account, username, ip, files: [{name, md5, sha1, sha256, pdq}]}. CSV (text/csv): a header incident_id, incident_time, country, account, username, ip, file_name, md5, sha1, sha256, pdq, then one line per file. At most 50000 rows */
            requestBody: {
                content: {
                    "application/json": unknown;
                    "text/csv": unknown;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            duplicate: boolean;
                            /** @description verdicts of the files accepted (null for a duplicate) */
                            files: {
                                knownExact: number;
                                knownNear: number;
                                new: number;
                            } | null;
                            packages: {
                                country: string;
                                id: number;
                                incidents: number;
                                withNew: number;
                            }[];
                            /** @description rows not accepted, with the reason (the first ones) */
                            rejected: {
                                incidentId: string | null;
                                message: string;
                                reason: string;
                                row: number;
                            }[];
                            report: {
                                /** @enum {string} */
                                format: "json" | "csv";
                                id: number;
                                incidentsAccepted: number;
                                provider: string;
                                reference: string;
                                rowsRejected: number;
                                rowsTotal: number;
                                /** Format: date-time */
                                uploadedAt: string | null;
                                uploadedBy: number;
                            };
                            unassigned: number;
                            warning?: string;
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            duplicate: boolean;
                            /** @description verdicts of the files accepted (null for a duplicate) */
                            files: {
                                knownExact: number;
                                knownNear: number;
                                new: number;
                            } | null;
                            packages: {
                                country: string;
                                id: number;
                                incidents: number;
                                withNew: number;
                            }[];
                            /** @description rows not accepted, with the reason (the first ones) */
                            rejected: {
                                incidentId: string | null;
                                message: string;
                                reason: string;
                                row: number;
                            }[];
                            report: {
                                /** @enum {string} */
                                format: "json" | "csv";
                                id: number;
                                incidentsAccepted: number;
                                provider: string;
                                reference: string;
                                rowsRejected: number;
                                rowsTotal: number;
                                /** Format: date-time */
                                uploadedAt: string | null;
                                uploadedBy: number;
                            };
                            unassigned: number;
                            warning?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/referrals/reports/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A report: rejected rows, its packages per country with counts and acknowledgement, incidents still unassigned (General Secretariat) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            format: "json" | "csv";
                            id: number;
                            incidentsAccepted: number;
                            packages: {
                                /** Format: date-time */
                                acknowledgedAt: string | null;
                                acknowledgedBy: {
                                    name: string | null;
                                    userId: number;
                                } | null;
                                /** @description what the caller may do with it now (lists and reads) */
                                actions?: "acknowledge"[];
                                country: string;
                                counts: {
                                    actioned: number;
                                    filesExact: number;
                                    filesNear: number;
                                    filesNew: number;
                                    incidents: number;
                                    open: number;
                                    withNew: number;
                                };
                                /** Format: date-time */
                                createdAt: string | null;
                                id: number;
                                provider: string;
                                reference: string;
                                reportId: number;
                                /** @enum {string} */
                                status: "delivered" | "acknowledged";
                            }[];
                            provider: string;
                            reference: string;
                            /** @description rows not accepted, with the reason (the first ones) */
                            rejected: {
                                incidentId: string | null;
                                message: string;
                                reason: string;
                                row: number;
                            }[];
                            rowsRejected: number;
                            rowsTotal: number;
                            unassigned: number;
                            /** Format: date-time */
                            uploadedAt: string | null;
                            uploadedBy: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/referrals/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Per member country: packages delivered and acknowledged, incidents open and actioned; the unassigned queue size (General Secretariat) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            countries: {
                                acknowledged: number;
                                actioned: number;
                                awaitingAcknowledgement: number;
                                country: string;
                                incidents: number;
                                /** Format: date-time */
                                lastDeliveredAt: string | null;
                                open: number;
                                packages: number;
                                withNew: number;
                            }[];
                            unassigned: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/referrals/unassigned": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Incidents without a member country, new material first (General Secretariat) */
        get: {
            parameters: {
                query?: {
                    /** @description nextAfter of the previous page */
                    after?: string;
                    limit?: number;
                    status?: "open" | "actioned";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            incidents: {
                                action: {
                                    /** Format: date-time */
                                    at: string | null;
                                    by: number | null;
                                    caseReference: string | null;
                                    note: string | null;
                                    /** @enum {string|null} */
                                    outcome: "case_opened" | "added_to_case" | "referred" | "no_further_action" | null;
                                } | null;
                                /** Format: date-time */
                                assignedAt: string | null;
                                country: string | null;
                                counts: {
                                    files: number;
                                    knownExact: number;
                                    knownNear: number;
                                    new: number;
                                };
                                files: {
                                    fileId: number;
                                    known: (never | null) | {
                                        message: string;
                                        ownerCountry: string;
                                        /** @enum {boolean} */
                                        restricted: true;
                                    } | {
                                        distance: number;
                                        /** @description an image found in a known video: the frame and its time */
                                        foundInVideo?: {
                                            frame?: number;
                                            timestampS: number;
                                        };
                                        /** @description the known picture found pasted into the upload (the crop/border stage: 'region' or 'pdq-trimmed'; an inset or one side of a collage): where it sits */
                                        inset?: {
                                            /** @description [x, y, width, height] in the upload's pixels (upright) */
                                            box: number[];
                                            /** @description the upload's size [width, height] */
                                            frame: number[];
                                        };
                                        matchedMediaId: number;
                                        minDistance?: number | null;
                                        offenderIdentified: boolean | null;
                                        offset?: number | null;
                                        otherMatches: ({
                                            message: string;
                                            ownerCountry: string;
                                            /** @enum {boolean} */
                                            restricted: true;
                                        } | {
                                            distance: number;
                                            matchedMediaId: number;
                                            ownerCountry: string;
                                            /** @enum {boolean} */
                                            restricted: false;
                                            series: {
                                                id: number;
                                                name: string;
                                                number: string;
                                            } | null;
                                            stage: string | null;
                                            variant: string | null;
                                            victimIdentified: boolean | null;
                                        })[];
                                        ownerCountry: string | null;
                                        pairs?: {
                                            distance: number;
                                            queryLevel: number;
                                            storedLevel: number;
                                        }[] | null;
                                        /** @description partial copy (stage 'partial'): matching points, the share of the picture they span, and the region in the known picture */
                                        partial?: {
                                            coverage: number;
                                            inliers: number;
                                            /** @description [x, y, width, height] in the known picture, in its 512-px work frame */
                                            region: number[] | null;
                                            /** @description the known picture's work frame [width, height] */
                                            regionFrame?: number[] | null;
                                            why: string;
                                        };
                                        /** @enum {boolean} */
                                        restricted: false;
                                        /** @description robust stage (crop/border): the rule that matched, with votes, minDistance, offset, pairs */
                                        rule?: string;
                                        series: {
                                            id: number;
                                            name: string | null;
                                            number: string | null;
                                            ownerCountry: string | null;
                                        } | null;
                                        stage: string | null;
                                        /** @description a video whose frame is a known image: the time of that frame */
                                        stillAt?: {
                                            timestampS: number | null;
                                        };
                                        variant: string | null;
                                        victimIdentified: boolean | null;
                                        /** @description vPDQ: how much of each video matched, and where */
                                        video?: {
                                            comparedMatchPct: number | null;
                                            matchedFrames?: number;
                                            queryMatchPct: number;
                                            ranges?: {
                                                from: number;
                                                matchedFrom: number;
                                                matchedTo: number;
                                                to: number;
                                            }[];
                                            uniqueFrames?: number;
                                        };
                                        votes?: number | null;
                                    };
                                    md5: string | null;
                                    name: string | null;
                                    pdq: string | null;
                                    /** @enum {string} */
                                    result: "known_exact" | "known_near" | "new";
                                    sha1: string | null;
                                    sha256: string | null;
                                }[];
                                id: number;
                                /** Format: date-time */
                                incidentAt: string | null;
                                offender: {
                                    account: string | null;
                                    ipAddress: string | null;
                                    username: string | null;
                                };
                                packageId: number | null;
                                /** @enum {string} */
                                priority: "new" | "known_near" | "known_exact";
                                provider: string;
                                providerCountry: string | null;
                                providerIncidentId: string;
                                reportId: number;
                                reportReference: string;
                                /** @enum {string} */
                                status: "open" | "actioned";
                                unassignedReason: string | null;
                            }[];
                            /** @description the after of the next page */
                            nextAfter: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/retention/due": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Cases whose retention review is due (6 months before their retention date) or which are past it: every country for the hub's DPO, my country otherwise */
        get: {
            parameters: {
                query?: {
                    afterId?: number;
                    limit?: number;
                    /** @description also what falls due within this many days */
                    withinDays?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cases: {
                                caseId: number;
                                /** Format: date-time */
                                lastReviewAt: string | null;
                                /** @description YYYY-MM-DD */
                                maxRetentionUntil: string;
                                /** Format: date-time */
                                openedAt: string;
                                ownerAgencyId: number;
                                ownerCountry: string;
                                reference: string;
                                /** @description YYYY-MM-DD */
                                retentionUntil: string;
                                /** @description YYYY-MM-DD */
                                reviewDue: string;
                                /** @enum {string} */
                                state: "expired" | "review_due" | "retained";
                                status: string;
                                title: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search media (hashes; PDQ exact or within maxDistance; camera; capture dates), series (number/name) and victims (label); optionally by owner country. Results are what I may see. */
        get: {
            parameters: {
                query?: {
                    afterId?: number;
                    cameraMake?: string;
                    cameraModel?: string;
                    cameraSerial?: string;
                    /** @description YYYY-MM-DD or ISO timestamp */
                    capturedFrom?: string;
                    capturedTo?: string;
                    /** @description owner country */
                    country?: string;
                    limit?: number;
                    /** @description PDQ Hamming distance (0 = exact; 31 is the usual match threshold) */
                    maxDistance?: number;
                    md5?: string;
                    pdq?: string;
                    /** @description series number, or part of its name */
                    series?: string;
                    sha1?: string;
                    sha256?: string;
                    /** @description part of a victim label */
                    victim?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description each kind of result is present only when the criteria searched it */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            media?: {
                                cameraMake: string | null;
                                cameraModel: string | null;
                                capturedAt: string | null;
                                category: number | null;
                                /** @description PDQ distance (PDQ searches) */
                                distance?: number;
                                format: string | null;
                                hashOnly: boolean;
                                height: number | null;
                                id: number;
                                md5: string | null;
                                /** @enum {string} */
                                mediaType: "image" | "video";
                                ownerCountry: string;
                                pdq: string | null;
                                seriesId: number | null;
                                sha1: string | null;
                                sha256: string;
                                thumbnail: string | null;
                                width: number | null;
                            }[];
                            nextAfterId?: number | null;
                            /** @description how a PDQ search within a distance was answered */
                            pdq?: {
                                candidates: number;
                                complete: boolean;
                                /** @enum {string} */
                                method: "index" | "chunk-fallback";
                            };
                            series?: {
                                baseline: boolean;
                                caseId: number | null;
                                createdAt: string;
                                description: string;
                                distribution: string;
                                id: number;
                                name: string;
                                number: string;
                                ownerAgencyId: number;
                                ownerCountry: string;
                                sharedWith: string[];
                                /** @enum {string} */
                                status: "active" | "closed";
                                updatedAt: string;
                            }[];
                            victims?: {
                                /** Format: date-time */
                                createdAt: string;
                                /** @enum {string} */
                                distribution: "agency" | "country" | "countries" | "all";
                                id: number;
                                identified: boolean;
                                /** Format: date */
                                identifiedAt: string | null;
                                identifiedByCountry: string | null;
                                label: string;
                                notes: string;
                                ownerAgencyId: number;
                                ownerCountry: string;
                                rescued: boolean;
                                /** Format: date */
                                rescuedAt: string | null;
                                seriesId: number;
                                seriesNumber: string;
                                sharedWith: string[];
                                /** @enum {string} */
                                type: "victim";
                                /** Format: date-time */
                                updatedAt: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/seizures/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A seizure: status, counts, progress */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            caseId: number;
                            /** Format: date-time */
                            completedAt: string | null;
                            counts: {
                                done: number;
                                duplicates: number;
                                error: number;
                                items: number;
                                knownExact: number;
                                knownNear: number;
                                new: number;
                                pending: number;
                                processing: number;
                            };
                            /** Format: date-time */
                            createdAt: string;
                            description: string;
                            /** @enum {string} */
                            distribution: "agency" | "country" | "countries" | "all";
                            hashOnly: boolean;
                            id: number;
                            label: string;
                            ownerAgencyId: number;
                            ownerCountry: string;
                            /** @description per cent of items finished */
                            progress: number;
                            sharedWith: string[];
                            /** @enum {string} */
                            status: "receiving" | "processing" | "complete";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/seizures/{id}/files": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Upload files and zip/tar archives (multipart, streamed; re-sending held files is a no-op) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            added: number;
                            alreadyHeld: number;
                            errors: number;
                            files: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/seizures/{id}/hashes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Submit hashes only: CSV (text/csv, streamed, up to 512 MiB) with an md5/sha1/sha256/pdq[/name] header, or a JSON array */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        md5?: string;
                        name?: string;
                        pdq?: string;
                        sha1?: string;
                        sha256?: string;
                    }[];
                    "text/csv": unknown;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            added: number;
                            alreadyHeld: number;
                            errors: number;
                            files: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/seizures/{id}/triage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Triage: each item known (exact/near, with series and identification) / new / error; redacted per owner distribution */
        get: {
            parameters: {
                query?: {
                    afterId?: number;
                    /** @description every item in one answer (export) */
                    all?: boolean;
                    format?: "json" | "csv";
                    limit?: number;
                    result?: "known_exact" | "known_near" | "new";
                    status?: "pending" | "processing" | "done" | "error";
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description EXIF camera of the item's medium (null: none recorded, or the owner's medium) */
                                camera: {
                                    make: string | null;
                                    model: string | null;
                                } | null;
                                error: {
                                    message: string | null;
                                    reason: string | null;
                                } | null;
                                itemId: number;
                                /** @enum {string} */
                                kind: "file" | "hash";
                                known: (never | null) | {
                                    message: string;
                                    ownerCountry: string;
                                    /** @enum {boolean} */
                                    restricted: true;
                                } | {
                                    distance: number;
                                    /** @description an image found in a known video: the frame and its time */
                                    foundInVideo?: {
                                        frame?: number;
                                        timestampS: number;
                                    };
                                    /** @description the known picture found pasted into the upload (the crop/border stage: 'region' or 'pdq-trimmed'; an inset or one side of a collage): where it sits */
                                    inset?: {
                                        /** @description [x, y, width, height] in the upload's pixels (upright) */
                                        box: number[];
                                        /** @description the upload's size [width, height] */
                                        frame: number[];
                                    };
                                    matchedMediaId: number;
                                    minDistance?: number | null;
                                    offenderIdentified: boolean | null;
                                    offset?: number | null;
                                    otherMatches: ({
                                        message: string;
                                        ownerCountry: string;
                                        /** @enum {boolean} */
                                        restricted: true;
                                    } | {
                                        distance: number;
                                        matchedMediaId: number;
                                        ownerCountry: string;
                                        /** @enum {boolean} */
                                        restricted: false;
                                        series: {
                                            id: number;
                                            name: string;
                                            number: string;
                                        } | null;
                                        stage: string | null;
                                        variant: string | null;
                                        victimIdentified: boolean | null;
                                    })[];
                                    ownerCountry: string | null;
                                    pairs?: {
                                        distance: number;
                                        queryLevel: number;
                                        storedLevel: number;
                                    }[] | null;
                                    /** @description partial copy (stage 'partial'): matching points, the share of the picture they span, and the region in the known picture */
                                    partial?: {
                                        coverage: number;
                                        inliers: number;
                                        /** @description [x, y, width, height] in the known picture, in its 512-px work frame */
                                        region: number[] | null;
                                        /** @description the known picture's work frame [width, height] */
                                        regionFrame?: number[] | null;
                                        why: string;
                                    };
                                    /** @enum {boolean} */
                                    restricted: false;
                                    /** @description robust stage (crop/border): the rule that matched, with votes, minDistance, offset, pairs */
                                    rule?: string;
                                    series: {
                                        id: number;
                                        name: string | null;
                                        number: string | null;
                                        ownerCountry: string | null;
                                    } | null;
                                    stage: string | null;
                                    /** @description a video whose frame is a known image: the time of that frame */
                                    stillAt?: {
                                        timestampS: number | null;
                                    };
                                    variant: string | null;
                                    victimIdentified: boolean | null;
                                    /** @description vPDQ: how much of each video matched, and where */
                                    video?: {
                                        comparedMatchPct: number | null;
                                        matchedFrames?: number;
                                        queryMatchPct: number;
                                        ranges?: {
                                            from: number;
                                            matchedFrom: number;
                                            matchedTo: number;
                                            to: number;
                                        }[];
                                        uniqueFrames?: number;
                                    };
                                    votes?: number | null;
                                };
                                md5: string | null;
                                mediaId: number | null;
                                /** @description set on a duplicate inside the seizure */
                                note: string | null;
                                path: string;
                                /** @enum {string|null} */
                                result: "known_exact" | "known_near" | "new" | null;
                                /** @description a new item showing the same scene as a known medium (place stage) */
                                samePlace?: {
                                    message: string;
                                    ownerCountry: string;
                                    /** @enum {boolean} */
                                    restricted: true;
                                } | {
                                    coverage: number | null;
                                    inliers: number;
                                    matchedMediaId: number;
                                    message: string;
                                    ownerCountry: string | null;
                                    placeIds: number[];
                                    /** @enum {boolean} */
                                    restricted: false;
                                    series: {
                                        id: number;
                                        name: string | null;
                                        number: string | null;
                                        ownerCountry: string | null;
                                    } | null;
                                    why: string | null;
                                };
                                sha256: string | null;
                                /** @enum {string} */
                                status: "pending" | "processing" | "done" | "error";
                            }[];
                            nextAfterId: number | null;
                            seizure: {
                                caseId: number;
                                /** Format: date-time */
                                completedAt: string | null;
                                counts: {
                                    done: number;
                                    duplicates: number;
                                    error: number;
                                    items: number;
                                    knownExact: number;
                                    knownNear: number;
                                    new: number;
                                    pending: number;
                                    processing: number;
                                };
                                /** Format: date-time */
                                createdAt: string;
                                description: string;
                                /** @enum {string} */
                                distribution: "agency" | "country" | "countries" | "all";
                                hashOnly: boolean;
                                id: number;
                                label: string;
                                ownerAgencyId: number;
                                ownerCountry: string;
                                /** @description per cent of items finished */
                                progress: number;
                                sharedWith: string[];
                                /** @enum {string} */
                                status: "receiving" | "processing" | "complete";
                            };
                            summary: {
                                done: number;
                                duplicates: number;
                                error: number;
                                items: number;
                                knownExact: number;
                                knownNear: number;
                                new: number;
                                pending: number;
                                processing: number;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/series": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Series visible to me, newest first */
        get: {
            parameters: {
                query?: {
                    afterId?: number;
                    caseId?: number;
                    limit?: number;
                    ownerCountry?: string;
                    /** @description part of the name or number */
                    q?: string;
                    status?: "active" | "closed";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        /** Open a series (number S-YYYY-NNNNNN generated); shared with all member countries unless restricted */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description worst material, shareable with partners as a baseline list */
                        baseline?: boolean;
                        /** @description the investigation working the series */
                        caseId?: number | null;
                        description?: string;
                        /**
                         * @description agency only / country only / named countries / all member countries
                         * @enum {string}
                         */
                        distribution?: "agency" | "country" | "countries" | "all";
                        name: string;
                        /** @description countries named when distribution = countries */
                        sharedWith?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/series/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A series with counts of media, victims and offenders (identified) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            baseline: boolean;
                            caseId: number | null;
                            counts: {
                                media: number;
                                offenders: number;
                                offendersIdentified: number;
                                places: number;
                                victims: number;
                                victimsIdentified: number;
                                victimsRescued: number;
                            };
                            createdAt: string;
                            description: string;
                            distribution: string;
                            id: number;
                            name: string;
                            number: string;
                            ownerAgencyId: number;
                            ownerCountry: string;
                            sharedWith: string[];
                            /** @enum {string} */
                            status: "active" | "closed";
                            updatedAt: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a series (owning agency) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description worst material, shareable with partners as a baseline list */
                        baseline?: boolean;
                        /** @description the investigation working the series */
                        caseId?: number | null;
                        description?: string;
                        /**
                         * @description agency only / country only / named countries / all member countries
                         * @enum {string}
                         */
                        distribution?: "agency" | "country" | "countries" | "all";
                        name?: string;
                        /** @description countries named when distribution = countries */
                        sharedWith?: string[];
                        /** @enum {string} */
                        status?: "active" | "closed";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        trace?: never;
    };
    "/api/v1/series/{id}/media": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Media of a series visible to me, newest first (keyset: afterId = last id of the previous page) */
        get: {
            parameters: {
                query?: {
                    afterId?: number;
                    limit?: number;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            media: {
                                cameraMake: string | null;
                                cameraModel: string | null;
                                capturedAt: string | null;
                                category: number | null;
                                format: string | null;
                                hashOnly: boolean;
                                height: number | null;
                                id: number;
                                md5: string | null;
                                /** @enum {string} */
                                mediaType: "image" | "video";
                                ownerCountry: string;
                                pdq: string | null;
                                seriesId: number | null;
                                sha1: string | null;
                                sha256: string;
                                thumbnail: string | null;
                                width: number | null;
                            }[];
                            nextAfterId: number | null;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Assign visible media to the series (owning agency); media of another series are refused */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        mediaIds: number[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            assigned: number[];
                            refused: {
                                mediaId: number;
                                /** @enum {string} */
                                reason: "not_found" | "in_other_series" | "not_owner";
                            }[];
                            /** @description already in this series */
                            unchanged: number[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/series/{id}/media/{mediaId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Take a medium out of the series (owning agency) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                    mediaId: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description the medium taken out */
                            removed: number;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/series/{id}/offenders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The offenders of a series visible to me */
        get: {
            parameters: {
                query?: {
                    afterId?: number;
                    limit?: number;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description places */
                                clues?: string;
                                /** @description places */
                                countryGuess?: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                /** @description places */
                                description?: string;
                                /** @enum {string} */
                                distribution: "agency" | "country" | "countries" | "all";
                                id: number;
                                /** @description victims and offenders */
                                identified?: boolean;
                                /**
                                 * Format: date
                                 * @description victims and offenders
                                 */
                                identifiedAt?: string | null;
                                /** @description victims and offenders */
                                identifiedByCountry?: string | null;
                                /** @description victims and offenders */
                                label?: string;
                                /** @description reads: the linked media the caller may see */
                                mediaIds?: number[];
                                /** @description victims and offenders */
                                notes?: string;
                                ownerAgencyId: number;
                                ownerCountry: string;
                                /** @description victims */
                                rescued?: boolean;
                                /**
                                 * Format: date
                                 * @description victims
                                 */
                                rescuedAt?: string | null;
                                seriesId: number;
                                sharedWith: string[];
                                /** @enum {string} */
                                type: "victim" | "offender" | "place";
                                /**
                                 * Format: date-time
                                 * @description victims and offenders
                                 */
                                updatedAt?: string;
                            }[];
                            nextAfterId: number | null;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Add a offender to a series (owning agency); inherits the series' distribution unless given */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description agency only / country only / named countries / all member countries
                         * @enum {string}
                         */
                        distribution?: "agency" | "country" | "countries" | "all";
                        /** @description working label, e.g. "Victim A (blue dress)" */
                        label: string;
                        notes?: string;
                        /** @description countries named when distribution = countries */
                        sharedWith?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description places */
                            clues?: string;
                            /** @description places */
                            countryGuess?: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description places */
                            description?: string;
                            /** @enum {string} */
                            distribution: "agency" | "country" | "countries" | "all";
                            id: number;
                            /** @description victims and offenders */
                            identified?: boolean;
                            /**
                             * Format: date
                             * @description victims and offenders
                             */
                            identifiedAt?: string | null;
                            /** @description victims and offenders */
                            identifiedByCountry?: string | null;
                            /** @description victims and offenders */
                            label?: string;
                            /** @description reads: the linked media the caller may see */
                            mediaIds?: number[];
                            /** @description victims and offenders */
                            notes?: string;
                            ownerAgencyId: number;
                            ownerCountry: string;
                            /** @description victims */
                            rescued?: boolean;
                            /**
                             * Format: date
                             * @description victims
                             */
                            rescuedAt?: string | null;
                            seriesId: number;
                            sharedWith: string[];
                            /** @enum {string} */
                            type: "victim" | "offender" | "place";
                            /**
                             * Format: date-time
                             * @description victims and offenders
                             */
                            updatedAt?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/series/{id}/places": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The places of a series visible to me */
        get: {
            parameters: {
                query?: {
                    afterId?: number;
                    limit?: number;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description places */
                                clues?: string;
                                /** @description places */
                                countryGuess?: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                /** @description places */
                                description?: string;
                                /** @enum {string} */
                                distribution: "agency" | "country" | "countries" | "all";
                                id: number;
                                /** @description victims and offenders */
                                identified?: boolean;
                                /**
                                 * Format: date
                                 * @description victims and offenders
                                 */
                                identifiedAt?: string | null;
                                /** @description victims and offenders */
                                identifiedByCountry?: string | null;
                                /** @description victims and offenders */
                                label?: string;
                                /** @description reads: the linked media the caller may see */
                                mediaIds?: number[];
                                /** @description victims and offenders */
                                notes?: string;
                                ownerAgencyId: number;
                                ownerCountry: string;
                                /** @description victims */
                                rescued?: boolean;
                                /**
                                 * Format: date
                                 * @description victims
                                 */
                                rescuedAt?: string | null;
                                seriesId: number;
                                sharedWith: string[];
                                /** @enum {string} */
                                type: "victim" | "offender" | "place";
                                /**
                                 * Format: date-time
                                 * @description victims and offenders
                                 */
                                updatedAt?: string;
                            }[];
                            nextAfterId: number | null;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Add a place to a series (owning agency); inherits the series' distribution unless given */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description objects, text, products, sockets… that may locate the scene */
                        clues?: string;
                        countryGuess?: string | null;
                        /** @description scene description */
                        description: string;
                        /**
                         * @description agency only / country only / named countries / all member countries
                         * @enum {string}
                         */
                        distribution?: "agency" | "country" | "countries" | "all";
                        /** @description countries named when distribution = countries */
                        sharedWith?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description places */
                            clues?: string;
                            /** @description places */
                            countryGuess?: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description places */
                            description?: string;
                            /** @enum {string} */
                            distribution: "agency" | "country" | "countries" | "all";
                            id: number;
                            /** @description victims and offenders */
                            identified?: boolean;
                            /**
                             * Format: date
                             * @description victims and offenders
                             */
                            identifiedAt?: string | null;
                            /** @description victims and offenders */
                            identifiedByCountry?: string | null;
                            /** @description victims and offenders */
                            label?: string;
                            /** @description reads: the linked media the caller may see */
                            mediaIds?: number[];
                            /** @description victims and offenders */
                            notes?: string;
                            ownerAgencyId: number;
                            ownerCountry: string;
                            /** @description victims */
                            rescued?: boolean;
                            /**
                             * Format: date
                             * @description victims
                             */
                            rescuedAt?: string | null;
                            seriesId: number;
                            sharedWith: string[];
                            /** @enum {string} */
                            type: "victim" | "offender" | "place";
                            /**
                             * Format: date-time
                             * @description victims and offenders
                             */
                            updatedAt?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/series/{id}/victims": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The victims of a series visible to me */
        get: {
            parameters: {
                query?: {
                    afterId?: number;
                    limit?: number;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description places */
                                clues?: string;
                                /** @description places */
                                countryGuess?: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                /** @description places */
                                description?: string;
                                /** @enum {string} */
                                distribution: "agency" | "country" | "countries" | "all";
                                id: number;
                                /** @description victims and offenders */
                                identified?: boolean;
                                /**
                                 * Format: date
                                 * @description victims and offenders
                                 */
                                identifiedAt?: string | null;
                                /** @description victims and offenders */
                                identifiedByCountry?: string | null;
                                /** @description victims and offenders */
                                label?: string;
                                /** @description reads: the linked media the caller may see */
                                mediaIds?: number[];
                                /** @description victims and offenders */
                                notes?: string;
                                ownerAgencyId: number;
                                ownerCountry: string;
                                /** @description victims */
                                rescued?: boolean;
                                /**
                                 * Format: date
                                 * @description victims
                                 */
                                rescuedAt?: string | null;
                                seriesId: number;
                                sharedWith: string[];
                                /** @enum {string} */
                                type: "victim" | "offender" | "place";
                                /**
                                 * Format: date-time
                                 * @description victims and offenders
                                 */
                                updatedAt?: string;
                            }[];
                            nextAfterId: number | null;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Add a victim to a series (owning agency); inherits the series' distribution unless given */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description agency only / country only / named countries / all member countries
                         * @enum {string}
                         */
                        distribution?: "agency" | "country" | "countries" | "all";
                        /** @description working label, e.g. "Victim A (blue dress)" */
                        label: string;
                        notes?: string;
                        /** @description countries named when distribution = countries */
                        sharedWith?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description places */
                            clues?: string;
                            /** @description places */
                            countryGuess?: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description places */
                            description?: string;
                            /** @enum {string} */
                            distribution: "agency" | "country" | "countries" | "all";
                            id: number;
                            /** @description victims and offenders */
                            identified?: boolean;
                            /**
                             * Format: date
                             * @description victims and offenders
                             */
                            identifiedAt?: string | null;
                            /** @description victims and offenders */
                            identifiedByCountry?: string | null;
                            /** @description victims and offenders */
                            label?: string;
                            /** @description reads: the linked media the caller may see */
                            mediaIds?: number[];
                            /** @description victims and offenders */
                            notes?: string;
                            ownerAgencyId: number;
                            ownerCountry: string;
                            /** @description victims */
                            rescued?: boolean;
                            /**
                             * Format: date
                             * @description victims
                             */
                            rescuedAt?: string | null;
                            seriesId: number;
                            sharedWith: string[];
                            /** @enum {string} */
                            type: "victim" | "offender" | "place";
                            /**
                             * Format: date-time
                             * @description victims and offenders
                             */
                            updatedAt?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Programme figures: media, series, victims and offenders identified (per month, per identifying country), contributions per owner country, countries connected. Numbers only. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            generatedAt: string;
                            identificationsPerMonth: {
                                /** @description YYYY-MM */
                                month: string;
                                victimsIdentified: number;
                                victimsRescued: number;
                            }[];
                            perCountry: {
                                country: string;
                                media: number;
                                name: string;
                                offendersIdentified: number;
                                series: number;
                                victimsIdentified: number;
                            }[];
                            totals: {
                                agencies: number;
                                countriesConnected: number;
                                media: number;
                                offenders: number;
                                offendersIdentified: number;
                                series: number;
                                victims: number;
                                victimsIdentified: number;
                                victimsRescued: number;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/victims/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A victim, with the visible media linked to it */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description places */
                            clues?: string;
                            /** @description places */
                            countryGuess?: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description places */
                            description?: string;
                            /** @enum {string} */
                            distribution: "agency" | "country" | "countries" | "all";
                            id: number;
                            /** @description victims and offenders */
                            identified?: boolean;
                            /**
                             * Format: date
                             * @description victims and offenders
                             */
                            identifiedAt?: string | null;
                            /** @description victims and offenders */
                            identifiedByCountry?: string | null;
                            /** @description victims and offenders */
                            label?: string;
                            /** @description reads: the linked media the caller may see */
                            mediaIds?: number[];
                            /** @description victims and offenders */
                            notes?: string;
                            ownerAgencyId: number;
                            ownerCountry: string;
                            /** @description victims */
                            rescued?: boolean;
                            /**
                             * Format: date
                             * @description victims
                             */
                            rescuedAt?: string | null;
                            seriesId: number;
                            sharedWith: string[];
                            /** @enum {string} */
                            type: "victim" | "offender" | "place";
                            /**
                             * Format: date-time
                             * @description victims and offenders
                             */
                            updatedAt?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a victim and its media links (owning agency) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            deleted: number;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a victim (owning agency) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description agency only / country only / named countries / all member countries
                         * @enum {string}
                         */
                        distribution?: "agency" | "country" | "countries" | "all";
                        /**
                         * @description owner withdraws an identification made in error
                         * @enum {boolean}
                         */
                        identified?: false;
                        /** @description working label, e.g. "Victim A (blue dress)" */
                        label?: string;
                        notes?: string;
                        /** @description countries named when distribution = countries */
                        sharedWith?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description places */
                            clues?: string;
                            /** @description places */
                            countryGuess?: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description places */
                            description?: string;
                            /** @enum {string} */
                            distribution: "agency" | "country" | "countries" | "all";
                            id: number;
                            /** @description victims and offenders */
                            identified?: boolean;
                            /**
                             * Format: date
                             * @description victims and offenders
                             */
                            identifiedAt?: string | null;
                            /** @description victims and offenders */
                            identifiedByCountry?: string | null;
                            /** @description victims and offenders */
                            label?: string;
                            /** @description reads: the linked media the caller may see */
                            mediaIds?: number[];
                            /** @description victims and offenders */
                            notes?: string;
                            ownerAgencyId: number;
                            ownerCountry: string;
                            /** @description victims */
                            rescued?: boolean;
                            /**
                             * Format: date
                             * @description victims
                             */
                            rescuedAt?: string | null;
                            seriesId: number;
                            sharedWith: string[];
                            /** @enum {string} */
                            type: "victim" | "offender" | "place";
                            /**
                             * Format: date-time
                             * @description victims and offenders
                             */
                            updatedAt?: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/victims/{id}/identify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Report that my country identified this victim (the owner may record another country); the owner is notified */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        country?: string;
                        /** @description YYYY-MM-DD (default today) */
                        date?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description places */
                            clues?: string;
                            /** @description places */
                            countryGuess?: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description places */
                            description?: string;
                            /** @enum {string} */
                            distribution: "agency" | "country" | "countries" | "all";
                            id: number;
                            /** @description victims and offenders */
                            identified?: boolean;
                            /**
                             * Format: date
                             * @description victims and offenders
                             */
                            identifiedAt?: string | null;
                            /** @description victims and offenders */
                            identifiedByCountry?: string | null;
                            /** @description victims and offenders */
                            label?: string;
                            /** @description reads: the linked media the caller may see */
                            mediaIds?: number[];
                            /** @description victims and offenders */
                            notes?: string;
                            ownerAgencyId: number;
                            ownerCountry: string;
                            /** @description victims */
                            rescued?: boolean;
                            /**
                             * Format: date
                             * @description victims
                             */
                            rescuedAt?: string | null;
                            seriesId: number;
                            sharedWith: string[];
                            /** @enum {string} */
                            type: "victim" | "offender" | "place";
                            /**
                             * Format: date-time
                             * @description victims and offenders
                             */
                            updatedAt?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/victims/{id}/rescue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Report that an identified victim was rescued (identifying country or owner); the owner is notified */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description YYYY-MM-DD (default today) */
                        date?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description places */
                            clues?: string;
                            /** @description places */
                            countryGuess?: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description places */
                            description?: string;
                            /** @enum {string} */
                            distribution: "agency" | "country" | "countries" | "all";
                            id: number;
                            /** @description victims and offenders */
                            identified?: boolean;
                            /**
                             * Format: date
                             * @description victims and offenders
                             */
                            identifiedAt?: string | null;
                            /** @description victims and offenders */
                            identifiedByCountry?: string | null;
                            /** @description victims and offenders */
                            label?: string;
                            /** @description reads: the linked media the caller may see */
                            mediaIds?: number[];
                            /** @description victims and offenders */
                            notes?: string;
                            ownerAgencyId: number;
                            ownerCountry: string;
                            /** @description victims */
                            rescued?: boolean;
                            /**
                             * Format: date
                             * @description victims
                             */
                            rescuedAt?: string | null;
                            seriesId: number;
                            sharedWith: string[];
                            /** @enum {string} */
                            type: "victim" | "offender" | "place";
                            /**
                             * Format: date-time
                             * @description victims and offenders
                             */
                            updatedAt?: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness, database check, role, index sizes and watermarks, queue depth */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            audit?: {
                                head?: number;
                            };
                            database?: string;
                            databaseCheck?: {
                                lastAnsweredMsAgo?: number;
                                waiting?: boolean;
                            };
                            ffmpeg?: {
                                ffprobe?: boolean;
                                source?: string;
                                version?: string;
                            };
                            indexes?: {
                                changeWatermark?: number;
                                frames?: {
                                    size?: number;
                                    watermark?: number;
                                };
                                loaded?: boolean;
                                media?: {
                                    size?: number;
                                    watermark?: number;
                                };
                                robust?: {
                                    size?: number;
                                };
                            };
                            pid?: number;
                            queue?: {
                                active?: number;
                                deferred?: number;
                                name?: string;
                                queued?: number;
                            } | null;
                            role?: string;
                            status?: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
