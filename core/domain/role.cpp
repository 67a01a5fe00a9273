#include "core/domain/role.h"

#include <QCoreApplication>

namespace mobiliza::core {

QString roleKey(Role role)
{
    switch (role) {
    case Role::Municipality:
        return QStringLiteral("municipality");
    case Role::Urs:
        return QStringLiteral("urs");
    case Role::Central:
        return QStringLiteral("central");
    }
    return {};
}

std::optional<Role> roleFromKey(const QString &key)
{
    for (Role r : {Role::Municipality, Role::Urs, Role::Central})
        if (roleKey(r) == key)
            return r;
    return std::nullopt;
}

QString roleLabel(Role role)
{
    switch (role) {
    case Role::Municipality:
        return QCoreApplication::translate("Role", "Municipality");
    case Role::Urs:
        return QCoreApplication::translate("Role", "Regional health unit (URS)");
    case Role::Central:
        return QCoreApplication::translate("Role", "Central level");
    }
    return {};
}

} // namespace mobiliza::core
