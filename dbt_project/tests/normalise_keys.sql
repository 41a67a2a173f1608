{#- The key normalisation macros (macros/normalise.sql) on the forms real exports write. Fails with the rows whose
    normalised form is not the expected one. -#}
with cases (kind, raw, raw_code, expected) as (
    values
        ('text', '  北京  ', null, '北京'),
        ('text', '北京　', null, '北京'),
        ('text', 'ＡＢＣ　公司', null, 'ABC 公司'),
        ('text', '   ', null, null),
        ('code', 'ht-2026/001', null, 'HT2026001'),
        ('code', 'ＨＴ－２０２６　００１', null, 'HT2026001'),
        ('plate', '京A·12345', null, '京A12345'),
        ('plate', '京A 12345', null, '京A12345'),
        ('plate', '京a12345', null, '京A12345'),
        ('plate', '京Ａ・１２３４５', null, '京A12345'),
        ('account', '6222 0212 3456 7890', null, '6222021234567890'),
        ('account', '6222-0212-3456-7890', null, '6222021234567890'),
        ('account', '６２２２０２１２３４５６７８９０', null, '6222021234567890'),
        ('name', '张 三', null, '张三'),
        ('name', '张　三 ', null, '张三'),
        ('name', '买买提•艾力', null, '买买提·艾力'),
        ('name', '买买提.艾力', null, '买买提·艾力'),
        ('id', '11010519491231002x', null, '11010519491231002X'),
        ('id', '110105491231002', null, '11010519491231002X'),
        ('id', '440524800101001', null, '440524198001010013'),
        ('id', ' 440524198001010013 ', null, '440524198001010013'),
        ('invoice', '12345678', '1100204130', '1100204130-12345678'),
        ('invoice', '１２３４５６７８', ' 1100204130 ', '1100204130-12345678'),
        ('invoice', '24110000000012345678', null, '24110000000012345678'),
        ('invoice', '24110000000012345678', '', '24110000000012345678'),
        ('invoice', '24110000000012345678', '1100204130', '24110000000012345678'),
        ('invoice', '12345678', '', '12345678'),
        ('invoice', '12345678', null, '12345678'),
        ('invoice', '２４１１００００００００１２３４５６７８', '  ', '24110000000012345678'),
        ('invoice', '912345', '44031900111', '044031900111-00912345'),
        ('invoice', '00912345', '044031900111', '044031900111-00912345'),
        ('invoice', '912345', null, '912345'),
        ('approval', '已批准', null, '已批准'),
        ('approval', '审批通过', null, '已批准'),
        ('approval', ' 同意 ', null, '已批准'),
        ('approval', '已审批', null, '已批准'),
        ('approval', '已办结', null, '已批准'),
        ('approval', '驳回', null, '驳回'),
        ('approval', '已驳回', null, '驳回'),
        ('approval', '退回修改', null, '驳回'),
        ('approval', '不同意', null, '驳回'),
        ('approval', '审批不通过', null, '驳回'),
        ('approval', '未通过', null, '驳回'),
        ('approval', '审批中', null, '审批中'),
        ('approval', '待审批', null, '审批中'),
        ('approval', '流转中', null, '审批中'),
        ('approval', '已作废', null, '已作废'),
        ('approval', '撤回', null, '已作废'),
        ('approval', '其他状态', null, '其他状态'),
        ('voucher_source', '手工', null, '手工'),
        ('voucher_source', '手工录入', null, '手工'),
        ('voucher_source', '人工', null, '手工'),
        ('voucher_source', '系统', null, '系统'),
        ('voucher_source', '系统生成', null, '系统'),
        ('voucher_source', '自动', null, '系统'),
        ('voucher_source', '机制凭证', null, '系统'),
        ('voucher_source', '不明', null, '不明'),
        ('disposed', '已处置', null, '已处置'),
        ('disposed', '报废', null, '已处置'),
        ('disposed', '已转让', null, '已处置'),
        ('disposed', '在用', null, '在用'),
        ('disposed', ' 在用 ', null, '在用'),
        ('employment', '在职', null, '在职'),
        ('employment', ' 在岗 ', null, '在职'),
        ('employment', '试用期', null, '在职'),
        ('employment', '退休返聘', null, '在职'),
        ('employment', '退休', null, '退休'),
        ('employment', '已退休', null, '退休'),
        ('employment', '离职', null, '离职'),
        ('employment', '已离职', null, '离职'),
        ('employment', '辞职', null, '离职'),
        ('employment', '解除劳动合同', null, '离职'),
        ('employment', '停薪留职', null, '停薪留职'),
        ('pay_category', '津补贴', null, '津补贴'),
        ('pay_category', '津贴', null, '津补贴'),
        ('pay_category', '补贴 ', null, '津补贴'),
        ('pay_category', '福利费', null, '福利'),
        ('pay_category', '绩效奖金', null, '奖金'),
        ('pay_category', '基本工资', null, '工资'),
        ('pay_category', '工资', null, '工资'),
        ('pay_category', '代扣款', null, '代扣款'),
        ('resolution', '通过', null, '通过'),
        ('resolution', '原则同意', null, '通过'),
        ('resolution', '审议通过', null, '通过'),
        ('resolution', '未通过', null, '不通过'),
        ('resolution', '不同意', null, '不通过'),
        ('resolution', '暂缓', null, '缓议'),
        ('resolution', '择期再议', null, '缓议'),
        ('resolution', '听取汇报', null, '听取汇报'),
        ('attendance', '出席', null, '出席'),
        ('attendance', '到会', null, '出席'),
        ('attendance', '视频参会', null, '出席'),
        ('attendance', '列席', null, '列席'),
        ('attendance', '缺席', null, '请假'),
        ('attendance', '未出席', null, '请假'),
        ('attendance', '请假', null, '请假'),
        ('city', '北京', null, '北京'),
        ('city', '北京市', null, '北京'),
        ('city', '北京 ', null, '北京'),
        ('city', '北　京　市', null, '北京'),
        ('city', '北京市海淀区', null, '北京'),
        ('city', '河北省石家庄市', null, '石家庄'),
        ('city', '内蒙古自治区呼和浩特市', null, '呼和浩特'),
        ('city', '大兴安岭地区', null, '大兴安岭'),
        ('city', '锡林郭勒盟', null, '锡林郭勒'),
        ('city', '延边朝鲜族自治州', null, '延边朝鲜族自治州'),
        ('city', '河北省', null, '河北省'),
        ('city', '北京（国贸）', null, '北京'),
        ('city', '苏州市(工业园区)', null, '苏州'),
        ('city', '  ', null, null),
        ('org', ' 江苏 恒通物流（集团）有限公司　', null, '江苏恒通物流(集团)有限公司'),
        ('org', 'abc 科技有限公司', null, 'ABC科技有限公司'),
        ('org', '', null, null),
        ('phone', '+86 138 1234 5678', null, '13812345678'),
        ('phone', '138-1234-5678', null, '13812345678'),
        ('phone', '(86)13812345678', null, '13812345678'),
        ('phone', '１３８１２３４５６７８', null, '13812345678'),
        ('phone', '0571-88001234', null, '057188001234'),
        ('phone', ' - ', null, null),
        ('address', '杭州市 文三路 118号', null, '杭州市文三路118号'),
        ('address', '杭州市文三路１１８号', null, '杭州市文三路118号'),
        ('address', '幸福小区3-502室', null, '幸福小区3502室'),
        ('address', '幸福小区ａ栋（东）', null, '幸福小区A栋东'),
        ('address', '  ', null, null)
),

normalised as (
    select
        cases.*,
        case kind
            when 'text' then {{ norm_text('raw') }}
            when 'code' then {{ norm_code('raw') }}
            when 'plate' then {{ norm_plate('raw') }}
            when 'account' then {{ norm_account('raw') }}
            when 'name' then {{ norm_name('raw') }}
            when 'id' then {{ norm_id_number('raw') }}
            when 'invoice' then {{ norm_invoice('raw_code', 'raw') }}
            when 'city' then {{ norm_city('raw') }}
            when 'org' then {{ norm_org('raw') }}
            when 'phone' then {{ norm_phone('raw') }}
            when 'address' then {{ norm_address('raw') }}
            when 'approval' then {{ norm_approval_status('raw') }}
            when 'voucher_source' then {{ norm_voucher_source('raw') }}
            when 'disposed' then {{ norm_disposed_status('raw') }}
            when 'employment' then {{ norm_employment_status('raw') }}
            when 'pay_category' then {{ norm_pay_category('raw') }}
            when 'resolution' then {{ norm_resolution('raw') }}
            when 'attendance' then {{ norm_attendance('raw') }}
        end as actual
    from cases
)

select * from normalised where actual is distinct from expected
