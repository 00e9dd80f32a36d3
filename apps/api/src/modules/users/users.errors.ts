import { defineErrors } from '../../common/errors/app-error';

export const UserErrors = defineErrors({
  USERNAME_TAKEN: { status: 409, zh: '用户名已存在', en: 'The username is already taken' },
  USER_ROLE_NOT_ALLOWED: { status: 400, zh: '该角色与所属机构类型不符', en: 'The role does not fit the organization kind' },
  USER_CANNOT_CHANGE_SELF: { status: 400, zh: '不能停用自己或修改自己的角色', en: 'You cannot deactivate yourself or change your own roles' },
});
